import { NextResponse } from "next/server";
import { databaseUrl, db } from "@/lib/db/client";
import { pendingMigrations } from "@/lib/db/migrate";

export const dynamic = "force-dynamic";

/** Readiness: the database answers and every migration on disk is applied. */
export async function GET() {
  const checks: Record<string, { ok: boolean; detail?: string }> = {};
  try {
    await db().$queryRaw`SELECT 1`;
    checks.database = { ok: true };
  } catch (e) {
    checks.database = { ok: false, detail: e instanceof Error ? e.message.split("\n")[0] : "unreachable" };
  }
  if (checks.database.ok) {
    try {
      const pending = await pendingMigrations(databaseUrl());
      checks.migrations = pending.length === 0 ? { ok: true } : { ok: false, detail: `pending: ${pending.join(", ")}` };
    } catch (e) {
      checks.migrations = { ok: false, detail: e instanceof Error ? e.message : "unknown" };
    }
  } else {
    checks.migrations = { ok: false, detail: "database unreachable" };
  }
  const ready = Object.values(checks).every((c) => c.ok);
  return NextResponse.json({ status: ready ? "ready" : "not-ready", checks }, { status: ready ? 200 : 503 });
}
