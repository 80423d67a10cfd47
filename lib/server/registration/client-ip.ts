import "server-only";

/** The caller's address as the proxy in front reports it (the same rule as sign-in). */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
