/** "$1,234,567.89" from a decimal string (exact: the digits are grouped, never parsed to a float). */
export function formatMoney(value: string | { toFixed(dp: number): string }): string {
  const s = typeof value === "string" ? value : value.toFixed(2);
  const negative = s.startsWith("-");
  const [i, f = ""] = (negative ? s.slice(1) : s).split(".");
  return `${negative ? "−" : ""}$${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${f.padEnd(2, "0").slice(0, 2)}`;
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
