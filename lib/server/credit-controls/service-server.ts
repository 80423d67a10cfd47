/**
 * The pre-trade check service: the member feed (POST /api/credit/check, /api/orders,
 * /api/orders/{id}/cancel, /api/fills) on Node's own `http` server beside Next.js, answered
 * by the same answerFeed as the Next.js routes (same API keys, schemas, engine and answers),
 * plus GET /health and /ready. It keeps each firm's credit state in memory and hears every
 * change through LISTEN (listener.ts); accepted orders are committed before the answer, under
 * the firm's row lock (feed.ts), so several services on one database never over-accept.
 */
import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@/generated/prisma/client";
import { pendingMigrations } from "@/lib/db/migrate";
import { answerFeed, errorReply, failureReply, type FeedReply, type FeedRoute } from "./feed-api";
import { listenForCreditChanges, type CreditStateListener } from "./listener";

/** Bodies larger than this are refused (an order is a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;

export interface CheckServiceOptions {
  readonly db: PrismaClient;
  readonly databaseUrl: string;
  /** 0: any free port */
  readonly port: number;
  readonly host: string;
  readonly log?: (line: string) => void;
}

export interface CheckService {
  readonly url: string;
  readonly port: number;
  readonly listener: CreditStateListener;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function feedRoute(method: string, pathname: string): FeedRoute | "method" | null {
  let route: FeedRoute | null = null;
  if (pathname === "/api/credit/check") route = { kind: "check" };
  else if (pathname === "/api/orders") route = { kind: "order" };
  else if (pathname === "/api/fills") route = { kind: "fill" };
  else {
    const m = /^\/api\/orders\/([^/]+)\/cancel$/.exec(pathname);
    if (m) {
      try {
        route = { kind: "cancel", ref: decodeURIComponent(m[1]!) };
      } catch {
        return null;
      }
    }
  }
  if (!route) return null;
  return method === "POST" ? route : "method";
}

function send(res: http.ServerResponse, reply: FeedReply, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra });
  res.end(body);
}

async function readiness(db: PrismaClient, databaseUrl: string, listener: CreditStateListener): Promise<FeedReply> {
  const checks: Record<string, { ok: boolean; detail?: string }> = {};
  try {
    await db.$queryRaw`SELECT 1`;
    checks.database = { ok: true };
    const pending = await pendingMigrations(databaseUrl);
    checks.migrations = pending.length === 0 ? { ok: true } : { ok: false, detail: `pending: ${pending.join(", ")}` };
  } catch (e) {
    checks.database ??= { ok: false, detail: e instanceof Error ? e.message.split("\n")[0] : "unreachable" };
    checks.migrations ??= { ok: false, detail: "database unreachable" };
  }
  checks.notices = listener.connected() ? { ok: true, detail: `${listener.notices()} received` } : { ok: false, detail: "not listening for credit state changes (reconnecting)" };
  const ready = Object.values(checks).every((c) => c.ok);
  return { status: ready ? 200 : 503, body: { status: ready ? "ready" : "not-ready", checks } };
}

export async function startCheckService(options: CheckServiceOptions): Promise<CheckService> {
  const { db, databaseUrl, log = () => {} } = options;
  const listener = listenForCreditChanges(databaseUrl, log);
  const started = Date.now();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const pathname = (req.url ?? "/").split("?", 1)[0]!;
    if (pathname === "/health") {
      req.resume();
      return send(res, { status: 200, body: { status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000), time: new Date().toISOString() } });
    }
    if (pathname === "/ready") {
      req.resume();
      return send(res, await readiness(db, databaseUrl, listener));
    }
    const route = feedRoute(method, pathname);
    if (route === null) {
      req.resume();
      return send(res, errorReply(404, "path", `no such path: ${pathname} (see /api/openapi.json of the portal)`));
    }
    if (route === "method") {
      req.resume();
      return send(res, errorReply(405, "method", `${pathname} takes POST`), { allow: "POST" });
    }
    let body: Promise<string> | null = null;
    const text = () => (body ??= readBody(req));
    const headers = { get: (name: string) => { const v = req.headers[name]; return (Array.isArray(v) ? v[0] : v) ?? null; } };
    try {
      const reply = await answerFeed(db, route, { headers, text });
      if (!body) req.resume();
      send(res, reply);
    } catch (e) {
      if (e instanceof BodyTooLarge) return send(res, errorReply(413, "body", `the body must be at most ${MAX_BODY_BYTES} bytes`), { connection: "close" });
      throw e;
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, failureReply(e, null));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${port}`;
  return {
    url,
    port,
    listener,
    async close() {
      await listener.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
