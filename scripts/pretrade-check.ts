/**
 * `npm run check-service`: the pre-trade check service on its own port (PORTAL_CHECK_PORT,
 * default 3100; PORTAL_CHECK_HOST, default HOST or 127.0.0.1), on DATABASE_URL. `npm start`
 * launches it beside Next.js. Run with the react-server condition (as the npm script does):
 * its modules are the portal's server-only ones.
 */
import { createClient } from "@/lib/db/client";
import { startCheckService } from "@/lib/server/credit-controls/service-server";

const log = (s: string) => process.stdout.write(`[check] ${s}\n`);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write("[check] DATABASE_URL is not set: start it with `npm start`, or set DATABASE_URL to the portal's database\n");
  process.exit(1);
}
const port = Number.parseInt(process.env.PORTAL_CHECK_PORT ?? "3100", 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`[check] PORTAL_CHECK_PORT must be a port number (0-65535), not "${process.env.PORTAL_CHECK_PORT}"\n`);
  process.exit(1);
}
const host = process.env.PORTAL_CHECK_HOST ?? process.env.HOST ?? "127.0.0.1";
const db = createClient(databaseUrl);
const service = await startCheckService({ db, databaseUrl, port, host, log });
log(`pre-trade check service: ${service.url} (POST /api/credit/check, /api/orders, /api/orders/{id}/cancel, /api/fills; GET /health, /ready)`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await service.close();
  await db.$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
