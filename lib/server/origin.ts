/**
 * Server actions only from the portal's own pages: the Origin header must be present, not
 * "null", and the portal's own origin (the Host the browser addressed, or PORTAL_ORIGINS).
 */
type HeaderBag = { get(name: string): string | null };

export function allowedOrigins(h: HeaderBag): Set<string> {
  const set = new Set<string>();
  for (const o of (process.env.PORTAL_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean)) set.add(o);
  if (process.env.NEXTAUTH_URL) set.add(new URL(process.env.NEXTAUTH_URL).origin);
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (host) {
    const proto = h.get("x-forwarded-proto") ?? "http";
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
