import { NextResponse, type NextRequest } from "next/server";
import { clientInfo } from "@/lib/server/client";
import { checkOrigin } from "@/lib/server/origin";
import { contentSecurityPolicy, PERMISSIONS_POLICY, strictTransportSecurity } from "@/lib/server/security-headers";

/**
 * Gives every request an id (kept if a trusted proxy in front set one) for logs and audit rows,
 * and refuses a server action posted from a foreign or null Origin with 403 and an audit row
 * (Next.js's own check would answer 500), and sets the page's Content-Security-Policy with a
 * fresh nonce (on the request too: Next.js reads it there to put the nonce on its scripts).
 */
export async function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  const id = request.headers.get("x-request-id") ?? crypto.randomUUID();
  requestHeaders.set("x-request-id", id);
  if (request.method === "POST" && request.headers.has("next-action")) {
    const origin = checkOrigin(request.headers);
    if (!origin.ok) {
      const { auditRefusedOrigin } = await import("@/lib/server/refused-origin");
      await auditRefusedOrigin({
        origin: request.headers.get("origin"),
        path: request.nextUrl.pathname,
        requestId: id,
        ...clientInfo(request.headers),
        message: origin.message,
      }).catch((e: unknown) => console.error("[proxy] could not audit a refused origin", e));
      return new NextResponse(origin.message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": id } });
    }
  }
  // The page asked for, so that a sign-in redirect can come back to it.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("x-request-id", id);
  response.headers.set("content-security-policy", csp);
  response.headers.set("permissions-policy", PERMISSIONS_POLICY);
  const hsts = strictTransportSecurity();
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Hot machine paths get no request-id or page bookkeeping: the pre-trade check, and auction
  // bids (a storm of them in the last second before a deadline; they write no audit row).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/credit/check|api/auctions/).*)"],
};
