/**
 * Driving a real portal from scripts (drill, kill test, load benchmark): start `scripts/start.ts`
 * as a child process, wait for readiness, sign in over HTTP (next-auth's credentials callback,
 * then the second factor for users that have one), upload files, post JSON submissions.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { totpCode, totpStep, TOTP_STEP_SECONDS } from "@/lib/auth/totp";

export interface PortalProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  /** pid of the `next start` web server (start.ts prints it) */
  webPid(): number;
  /** SIGTERM: the web server, then the embedded database, stop cleanly */
  stop(): Promise<void>;
  output(): string;
}

export async function startPortal(options: { port: number; env: Record<string, string | undefined>; timeoutMs?: number }): Promise<PortalProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const env = {} as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries({ ...process.env, PORT: String(options.port), HOST: "127.0.0.1", PORTAL_SKIP_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1", ...options.env })) {
    if (v !== undefined) env[k] = v;
  }
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the portal exited (${proc.exitCode}) before it was ready:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) {
      proc.kill("SIGTERM");
      throw new Error(`the portal was not ready within ${(options.timeoutMs ?? 180_000) / 1000} s:\n${out.slice(-3000)}`);
    }
    try {
      const res = await fetch(`${url}/api/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    proc,
    webPid() {
      const m = [...out.matchAll(/web server pid (\d+)/g)].pop();
      if (!m) throw new Error("start.ts did not print the web server's pid");
      return Number(m[1]);
    },
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM");
        await exited;
      }
    },
    output: () => out,
  };
}

/** Cookies of a response as a `cookie` header value, merged into an existing jar. */
function mergeCookies(jar: Map<string, string>, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/**
 * Signs in over HTTP and answers the session's cookie jar. `totpSecret` for a user with a
 * second factor: the code is computed (and, as a code works once, the next step is tried or
 * awaited when one was just used).
 */
export async function httpSignIn(url: string, email: string, password: string, totpSecret?: string): Promise<Map<string, string>> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  mergeCookies(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  mergeCookies(jar, res);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in of ${email} failed (${res.status})`);
  if (totpSecret) {
    for (let round = 0; round < 4; round++) {
      const now = totpStep(Date.now());
      for (const step of [now, now + 1]) {
        const r = await fetch(`${url}/api/second-factor`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: url, cookie: cookieHeader(jar) },
          body: JSON.stringify({ code: totpCode(totpSecret, step) }),
        });
        if (r.ok) return jar;
        const body = (await r.json()) as { error?: { code?: string; message?: string } };
        if (body.error?.code !== "reused") throw new Error(`second factor of ${email} refused: ${body.error?.message ?? r.status}`);
      }
      await new Promise((r) => setTimeout(r, (now + 1) * TOTP_STEP_SECONDS * 1000 - Date.now() + 50));
    }
    throw new Error(`second factor of ${email}: every code was already used`);
  }
  return jar;
}

export interface UploadAnswer {
  readonly status: number;
  readonly body: { id?: string; sha256?: string; error?: { message: string } };
  readonly replayed: boolean;
}

export async function upload(url: string, jar: Map<string, string>, options: { purpose: string; name: string; body: Uint8Array; idempotencyKey?: string; signal?: AbortSignal }): Promise<UploadAnswer> {
  const res = await fetch(`${url}/api/files?purpose=${encodeURIComponent(options.purpose)}`, {
    method: "POST",
    headers: {
      origin: url,
      cookie: cookieHeader(jar),
      "x-file-name": encodeURIComponent(options.name),
      "content-type": "application/octet-stream",
      ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}),
    },
    body: Buffer.from(options.body),
    signal: options.signal,
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer["body"], replayed: res.headers.get("idempotent-replayed") === "true" };
}

export interface JsonAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> & { error?: { field?: string; message?: string } };
  readonly replayed: boolean;
}

/** POSTs a JSON body with the session's cookies (and an Idempotency-Key when given); throws when no answer arrives. */
export async function postJson(url: string, jar: Map<string, string>, path: string, body: unknown, options: { idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<JsonAnswer> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: {
      origin: url,
      cookie: cookieHeader(jar),
      "content-type": "application/json",
      ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
    signal: options.signal,
  });
  return { status: res.status, body: (await res.json()) as JsonAnswer["body"], replayed: res.headers.get("idempotent-replayed") === "true" };
}
