import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { lookupActor } from "@/lib/auth/session";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's own session endpoint reads only the signed cookie; it answers here only while the
 * server-side session row is active (not signed out, revoked or timed out) and past its second
 * factor, the same state every page and API checks (lib/auth/session.ts). Otherwise: no session.
 */
async function GET(req: Request, ctx: Context): Promise<Response> {
  if (new URL(req.url).pathname.endsWith("/api/auth/session")) {
    const { actor } = await lookupActor();
    if (!actor) return Response.json({}, { headers: { "cache-control": "no-store" } });
  }
  return handler(req, ctx);
}

export { GET, handler as POST };
