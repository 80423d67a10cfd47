import type { StatementExplain } from "@/lib/server/margin/explain";
import { money } from "./format";

/** "Why margin changed since <previous cycle>": the four parts per combined commodity and their total. */
export function MarginExplain({ explain, previousLabel }: { explain: StatementExplain; previousLabel: string | null }) {
  if (explain.status === "first") {
    return (
      <section aria-label="Why margin changed">
        <h2 className="text-lg font-semibold">Why margin changed</h2>
        <p className="text-sm text-slate-600" data-testid="explain-first">This is the account&apos;s first statement: there is no previous cycle to compare with.</p>
      </section>
    );
  }
  if (explain.status === "unavailable") {
    return (
      <section aria-label="Why margin changed">
        <h2 className="text-lg font-semibold">Why margin changed since {previousLabel}</h2>
        <p className="text-sm text-slate-600" data-testid="explain-unavailable">The change cannot be explained: {explain.reason}.</p>
      </section>
    );
  }
  const row = (l: (typeof explain.lines)[number], total = false) => (
    <tr key={l.code} className={total ? "border-t border-slate-400 font-semibold" : "border-t border-slate-200"} data-testid={total ? "explain-total" : `explain-${l.code}`}>
      <td>{l.code}{l.name ? ` ${l.name}` : ""}</td>
      <td className="text-right">{money(l.previous)}</td>
      <td className="text-right" data-part="positions">{money(l.positions)}</td>
      <td className="text-right" data-part="prices">{money(l.prices)}</td>
      <td className="text-right" data-part="parameters">{money(l.parameters)}</td>
      <td className="text-right" data-part="addOns">{money(l.addOns)}</td>
      <td className="text-right" data-part="change">{money(l.change)}</td>
      <td className="text-right">{money(l.current)}</td>
    </tr>
  );
  return (
    <section aria-label="Why margin changed">
      <h2 className="text-lg font-semibold">Why margin changed since {previousLabel}</h2>
      <table className="mt-2 w-full text-sm" aria-label="Why margin changed">
        <thead className="text-left text-slate-500">
          <tr>
            <th>Combined commodity</th><th className="text-right">Previous</th><th className="text-right">Positions (trades, expiries)</th>
            <th className="text-right">Prices and risk arrays</th><th className="text-right">Parameters (scan ranges, spread and short option minimum rates)</th>
            <th className="text-right">Add-ons (Rule 824, concentration)</th><th className="text-right">Change</th><th className="text-right">Now</th>
          </tr>
        </thead>
        <tbody>
          {explain.lines.map((l) => row(l))}
          {row(explain.total, true)}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600" data-testid="explain-method">
        Amounts in {explain.currency}; each row&apos;s parts add up exactly to its change. {explain.method} Prices and risk arrays are what the
        risk parameter file says about each contract (risk arrays, deltas, the prices and volatilities options are repriced from, currency
        rates); parameters are the clearing house&apos;s settings (scan ranges, tiers, spread, spot and short option minimum rates). Where the file
        gives risk arrays, a scan range change shows through them, under prices and risk arrays.
      </p>
      {explain.matchesStatements ? null : (
        <p className="mt-1 text-xs text-amber-700">Recomputed from the stored cycles, the requirements differ from the statements as issued: the explanation uses the recomputed figures.</p>
      )}
    </section>
  );
}
