import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the process is up and answering. No database access, no authentication. */
export function GET() {
  return NextResponse.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()), time: new Date().toISOString() });
}
