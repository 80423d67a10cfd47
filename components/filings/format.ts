/** The kit's formatters (components/ui/format.ts): money "$1,234,567.89", "-$2,500.00"; dates YYYY-MM-DD. */
export { formatMoney, formatDay as formatDate } from "@/components/ui/format";
