/**
 * Server actions and browser-posted routes only from the portal's own pages: the Origin header
 * must be present, not "null", and the portal's own origin (the Host the browser addressed,
 * NEXTAUTH_URL or PORTAL_ORIGINS). X-Forwarded-Host/-Proto are believed only when the portal
 * runs behind a proxy that sets them (PORTAL_TRUST_PROXY_HEADERS=1; off by default): otherwise
 * any client could name its own origin as the portal's.
 */
type HeaderBag = { get(name: string): string | null };

export function trustsProxyHeaders(): boolean {
  return process.env.PORTAL_TRUST_PROXY_HEADERS === "1";
}

export function allowedOrigins(h: HeaderBag): Set<string> {
  const set = new Set<string>();
  for (const o of (process.env.PORTAL_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean)) set.add(o);
  if (process.env.NEXTAUTH_URL) set.add(new URL(process.env.NEXTAUTH_URL).origin);
  const trusted = trustsProxyHeaders();
  const host = (trusted ? h.get("x-forwarded-host") : null) ?? h.get("host");
  if (host) {
    const proto = (trusted ? h.get("x-forwarded-proto") : null) ?? (process.env.NEXTAUTH_URL?.startsWith("https:") ? "https" : "http");
    set.add(`${proto}://${host}`);
  }
  return set;
}

export function checkOrigin(h: HeaderBag): { ok: true } | { ok: false; message: string } {
  const origin = h.get("origin");
  if (!origin || origin === "null") return { ok: false, message: "Refused: the request did not come from a portal page (no Origin). Nothing was changed." };
  if (!allowedOrigins(h).has(origin)) return { ok: false, message: `Refused: requests from ${origin} are not accepted. Nothing was changed.` };
  return { ok: true };
}
