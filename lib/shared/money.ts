/**
 * Money as people read it, "$1,234,567.89": the portal's one exact formatter lives in the risk
 * core (lib/risk/money.ts, from decimal strings, never a JavaScript number); pages, e-mails and
 * PDFs take it from here. Client-safe.
 */
export { formatUsd } from "@/lib/risk/money";
