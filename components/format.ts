/** The kit's formatters (components/ui/format.ts), under the names pages already use. */
export { formatUtc, formatDay, formatMoney as formatUsd } from "@/components/ui/format";
