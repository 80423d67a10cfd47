import { formatUsd, formatUtc } from "@/components/format";
import type { WaterfallJson } from "@/lib/server/default-management/service";

export const ACCOUNT_CLASS_LABELS: Record<string, string> = {
  house: "House",
  customerSegregated: "Customer segregated",
  customerSecured: "Customer secured (30.7)",
  customerClearedSwaps: "Cleared swaps customer",
};

const SOURCE_LABELS: Record<string, string> = {
  "guaranty-fund": "Guaranty fund contribution",
  "house-performance-bond": "House performance bond",
  "other-assets": "Other assets (Rule 802.A.2)",
};

const isZero = (v: string) => /^-?0*(\.0*)?$/.test(v);

/** The stored waterfall of a default: layer by layer, member by member, the defaulter's collateral, the outcome. */
export function WaterfallReport({ result: w, loss, ranAt, ranBy }: { result: WaterfallJson; loss: Record<string, string>; ranAt: Date; ranBy: string }) {
  const mutualized = w.layers.filter((l) => l.shares.length > 0);
  return (
    <div className="space-y-4 text-sm">
      <p>Run {formatUtc(ranAt)}{ranBy ? ` by ${ranBy}` : ""}.</p>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 md:grid-cols-6" aria-label="Waterfall outcome">
        <dt className="text-slate-500">Loss</dt><dd data-testid="waterfall-loss">{formatUsd(w.loss)}</dd>
        <dt className="text-slate-500">Covered</dt><dd data-testid="waterfall-covered">{formatUsd(w.covered)}</dd>
        <dt className="text-slate-500">Uncovered</dt><dd data-testid="waterfall-uncovered" className={isZero(w.uncovered) ? "" : "font-semibold text-red-700"}>{formatUsd(w.uncovered)}</dd>
      </dl>

      <table className="w-auto [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Loss by account class">
        <thead className="text-left text-slate-500"><tr><th className="pr-6">Account class</th><th className="text-right">Loss</th></tr></thead>
        <tbody>
          {(["house", "customerSegregated", "customerSecured", "customerClearedSwaps"] as const).map((k) => (
            <tr key={k} className="border-t border-slate-200"><td className="pr-6">{ACCOUNT_CLASS_LABELS[k]}</td><td className="text-right">{formatUsd(loss[k] ?? "0")}</td></tr>
          ))}
          <tr className="border-t border-slate-200"><td className="pr-6">Defaulter&apos;s other assets (entered)</td><td className="text-right">{formatUsd(loss.otherAssets ?? "0")}</td></tr>
        </tbody>
      </table>

      <table className="w-full [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Waterfall layers">
        <thead className="text-left text-slate-500"><tr><th>Layer</th><th>Rule</th><th className="text-right">Capacity</th><th className="text-right">Applied</th><th className="text-right">Remaining loss</th></tr></thead>
        <tbody>
          {w.layers.map((l) => (
            <tr key={l.id} className="border-t border-slate-200"><td>{l.description}</td><td>{l.rule}</td><td className="text-right">{formatUsd(l.capacity)}</td><td className="text-right">{formatUsd(l.applied)}</td><td className="text-right">{formatUsd(l.remainingLoss)}</td></tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="defaulter-collateral" className="space-y-2">
        <h3 id="defaulter-collateral" className="font-semibold">The defaulter&apos;s collateral (Rule 802.A.2, 802.G)</h3>
        <table className="w-full [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Defaulter collateral by account class">
          <thead className="text-left text-slate-500"><tr><th>Account class</th><th className="text-right">Loss</th><th className="text-right">From the class&apos;s customer collateral</th><th className="text-right">From house assets</th><th className="text-right">Residual</th></tr></thead>
          <tbody>
            {w.defaulterCollateral.accountClasses.map((c) => (
              <tr key={c.accountClass} className="border-t border-slate-200"><td>{ACCOUNT_CLASS_LABELS[c.accountClass] ?? c.accountClass}</td><td className="text-right">{formatUsd(c.loss)}</td><td className="text-right">{formatUsd(c.fromCustomerCollateral)}</td><td className="text-right">{formatUsd(c.fromHouseAssets)}</td><td className="text-right">{formatUsd(c.residual)}</td></tr>
            ))}
          </tbody>
        </table>
        <table className="w-auto [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Defaulter house assets">
          <thead className="text-left text-slate-500"><tr><th className="pr-6">House asset</th><th className="text-right pr-6">Available</th><th className="text-right">Applied</th></tr></thead>
          <tbody>
            {w.defaulterCollateral.houseAssets.map((h) => (
              <tr key={h.source} className="border-t border-slate-200"><td className="pr-6">{SOURCE_LABELS[h.source] ?? h.source}</td><td className="text-right pr-6">{formatUsd(h.available)}</td><td className="text-right">{formatUsd(h.applied)}</td></tr>
            ))}
          </tbody>
        </table>
        <p>Applied from the defaulter&apos;s collateral: {formatUsd(w.defaulterCollateral.applied)}. Customer collateral is never used for a house loss, nor one customer class for another.</p>
      </section>

      <section aria-labelledby="layer-members" className="space-y-3">
        <h3 id="layer-members" className="font-semibold">Member by member, in each mutualized layer</h3>
        {mutualized.map((l) => {
          const shares = l.shares.filter((s) => !isZero(s.capacity) || !isZero(s.amount));
          return (
            <div key={l.id}>
              <h4 className="font-medium">{l.description} ({l.rule}): {formatUsd(l.applied)} of {formatUsd(l.capacity)}</h4>
              {shares.length === 0 ? <p className="text-slate-600">No member has capacity in this layer.</p> : (
                <table className="w-auto [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label={`Members in layer ${l.rule}`}>
                  <thead className="text-left text-slate-500"><tr><th className="pr-6">Member</th><th className="text-right pr-6">Capacity</th><th className="text-right">Amount</th></tr></thead>
                  <tbody>
                    {shares.map((s) => <tr key={s.firmId} className="border-t border-slate-200"><td className="pr-6">{s.firmCode ?? s.firmId}</td><td className="text-right pr-6">{formatUsd(s.capacity)}</td><td className="text-right">{formatUsd(s.amount)}</td></tr>)}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </section>

      <table className="w-full [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Charges by member">
        <thead className="text-left text-slate-500"><tr><th>Member</th><th className="text-right">Subordinated used</th><th className="text-right">Maintained used</th><th className="text-right">Seniorized used</th><th className="text-right">Guaranty fund used</th><th className="text-right">Assessed</th><th className="text-right">Assessment capacity</th><th className="text-right">Total charge</th></tr></thead>
        <tbody>
          {w.members.filter((m) => !isZero(m.totalCharge) || !isZero(m.assessmentCapacity)).map((m) => (
            <tr key={m.firmId} className="border-t border-slate-200"><td>{m.firmCode ?? m.firmId}</td><td className="text-right">{formatUsd(m.subordinatedUsed)}</td><td className="text-right">{formatUsd(m.maintainedUsed)}</td><td className="text-right">{formatUsd(m.seniorizedUsed)}</td><td className="text-right">{formatUsd(m.guarantyFundUsed)}</td><td className="text-right">{formatUsd(m.assessed)}</td><td className="text-right">{formatUsd(m.assessmentCapacity)}</td><td className="text-right">{formatUsd(m.totalCharge)}</td></tr>
          ))}
        </tbody>
      </table>

      <div>
        <h3 className="font-semibold">Next steps</h3>
        {w.nextSteps.length === 0 ? <p>None: the loss is fully covered.</p> : <ul className="list-disc pl-5">{w.nextSteps.map((s) => <li key={s}>{s}</li>)}</ul>}
      </div>
    </div>
  );
}
