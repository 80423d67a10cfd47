/**
 * Who is at the other end of a request, for the sign-in and access logs (ASVS 16.3): the client
 * address and the user agent. The address is the first of `X-Forwarded-For`, which is the TCP
 * peer's address unless the portal runs behind a proxy it trusts (PORTAL_TRUST_PROXY_HEADERS=1):
 * `npm start` loads scripts/client-address.mjs into the web server, which replaces any
 * X-Forwarded-For a client sent with the socket's address when proxy headers are not trusted
 * (Next.js itself keeps a client's header and only fills it in from the socket when absent).
 */
import { trustsProxyHeaders } from "./origin";

type HeaderBag = { get(name: string): string | null };

export interface ClientInfo {
  readonly address: string;
  readonly userAgent: string;
}

/** A user agent as logged: at most this many characters. */
export const USER_AGENT_MAX = 300;

export function clientInfo(h: HeaderBag): ClientInfo {
  const forwarded = h.get("x-forwarded-for") ?? "";
  // Behind a trusted proxy the client is the first address; otherwise the header holds only the socket's.
  const address = (trustsProxyHeaders() ? forwarded.split(",")[0] : forwarded)?.trim() || "unknown";
  return { address, userAgent: (h.get("user-agent") ?? "").slice(0, USER_AGENT_MAX) };
}
