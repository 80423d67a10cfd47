import "server-only";
import { clientInfo } from "@/lib/server/client";

/** The caller's address, by the same rule as sign-in (lib/server/client.ts). */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  return clientInfo(headers).address;
}
