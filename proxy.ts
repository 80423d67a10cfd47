import { NextResponse, type NextRequest } from "next/server";

/** Gives every request an id (kept if a trusted proxy in front set one) for logs and audit rows. */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  const id = request.headers.get("x-request-id") ?? crypto.randomUUID();
  requestHeaders.set("x-request-id", id);
  // The page asked for, so that a sign-in redirect can come back to it.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("x-request-id", id);
  return response;
}

export const config = {
  // Hot machine paths get no request-id or page bookkeeping: the pre-trade check, and auction
  // bids (a storm of them in the last second before a deadline; they write no audit row).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/credit/check|api/auctions/).*)"],
};
