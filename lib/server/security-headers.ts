/**
 * The Content-Security-Policy of every page (ASVS 5.0 3.4.3): scripts only with this request's
 * nonce (Next.js puts it on its own scripts when the request carries the policy) and what they
 * load ('strict-dynamic'); no plugins, no <base>, no framing, forms only to the portal. Styles
 * allow inline attributes (React `style`); everything else comes from the portal itself.
 * Permissions-Policy turns off what the portal never uses; HSTS when served over HTTPS.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

export const PERMISSIONS_POLICY = [
  "accelerometer=()", "ambient-light-sensor=()", "autoplay=()", "bluetooth=()", "camera=()", "display-capture=()", "geolocation=()",
  "gyroscope=()", "hid=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()", "serial=()", "usb=()", "xr-spatial-tracking=()",
].join(", ");

/** HSTS only when the portal's public URL is HTTPS (a plain-HTTP demo must stay reachable). */
export function strictTransportSecurity(): string | null {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;
}
