import Link from "next/link";
import { notFoundForFirm, requirePage } from "@/lib/auth/authorize";
import { money } from "@/components/margin/format";
import { MarginExplain } from "@/components/margin/MarginExplain";
import { dec, formatPercent } from "@/lib/risk/money";
import { memberStatement } from "@/lib/server/margin/queries";
import { ORIGIN_LABELS } from "@/lib/server/margin/statement";

export const dynamic = "force-dynamic";

export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("member.read", `/member/statements/${id}`);
  // By id AND the session's firm: another firm's statement is "not found".
  const found = /^[0-9a-f-]{36}$/.test(id) ? await memberStatement(actor.firmId!, id) : null;
  if (!found) return notFoundForFirm(actor, `/member/statements/${id}`);
  const { breakdown: b, label, account, previousLabel, explain } = found;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm"><Link className="underline" href="/member/statements">Margin statements</Link></p>
        <h1 className="text-2xl font-semibold">Statement {account.accountNumber}, {label}</h1>
        <p className="text-slate-600">{ORIGIN_LABELS[b.origin]}{b.customerAccountId ? `, customer ${b.customerAccountId}` : ""}. Amounts in {b.span.currency}.</p>
        <p className="mt-2 space-x-4 text-sm">
          <a className="underline" href={`/member/statements/${id}/pdf`} download>Download PDF</a>
          <a className="underline" href={`/member/statements/${id}/csv`} download>Download CSV</a>
        </p>
      </div>
      <section>
        <h2 className="text-lg font-semibold">Summary</h2>
        <dl className="mt-2 grid grid-cols-2 gap-3 text-sm md:grid-cols-6" data-testid="statement-summary">
          <div><dt className="text-slate-500">Settlement variation</dt><dd>{money(b.variation)}</dd></div>
          <div><dt className="text-slate-500">Maintenance</dt><dd data-testid="maintenance">{money(b.span.maintenance)}</dd></div>
          <div><dt className="text-slate-500">Initial</dt><dd data-testid="initial">{money(b.span.initial)}</dd></div>
          <div><dt className="text-slate-500">Collateral after haircuts</dt><dd>{money(b.collateral.value)}</dd></div>
          <div><dt className="text-slate-500">{b.result.status === "deficit" ? "Deficit" : "Excess"}</dt><dd className={b.result.status === "deficit" ? "text-red-700" : ""}>{money(b.result.excess)}</dd></div>
          <div><dt className="text-slate-500">Call{b.result.callTo ? ` (to ${b.result.callTo})` : ""}</dt><dd data-testid="call">{money(b.result.call)}</dd></div>
        </dl>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Positions and settlement variation (Rule 814)</h2>
        <table className="mt-2 w-full text-sm" aria-label="Positions">
          <thead className="text-left text-slate-500"><tr><th>Contract</th><th className="text-right">Quantity</th><th className="text-right">Previous settlement</th><th>Trades this cycle</th><th className="text-right">Settlement price</th><th className="text-right">Variation</th></tr></thead>
          <tbody>
            {b.positions.map((p) => (
              <tr key={p.contract} className="border-t border-slate-200">
                <td>{p.contract}</td><td className="text-right">{p.quantity}</td><td className="text-right">{p.previousPrice ?? "-"}</td><td>{p.trades.map((t) => `${t.quantity} @ ${t.price}`).join(", ") || "-"}</td>
                <td className="text-right">{p.settlementPrice}</td><td className="text-right">{p.variation === null ? "option (premium)" : money(p.variation)}</td>
              </tr>
            ))}
            <tr className="border-t border-slate-400 font-semibold"><td colSpan={5}>Total settlement variation</td><td className="text-right">{money(b.variation)}</td></tr>
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">SPAN requirement by combined commodity</h2>
        <table className="mt-2 w-full text-sm" aria-label="SPAN breakdown">
          <thead className="text-left text-slate-500"><tr><th>Combined commodity</th><th className="text-right">Scan risk</th><th className="text-right">Worst scenario</th><th className="text-right">Intra spread charge</th><th className="text-right">Spot charge</th><th className="text-right">Inter spread credit</th><th className="text-right">Short option minimum</th><th className="text-right">Requirement</th></tr></thead>
          <tbody>
            {b.span.combinedCommodities.map((c) => (
              <tr key={c.code} className="border-t border-slate-200">
                <td>{c.code} {c.name}</td><td className="text-right">{money(c.scanRisk)}</td><td className="text-right">{c.worstScenario ?? "-"}</td><td className="text-right">{money(c.intraSpreadCharge)}</td><td className="text-right">{money(c.spotCharge)}</td>
                <td className="text-right">{money(c.interSpreadCredit)}</td><td className="text-right">{money(c.shortOptionMinimum)}{c.shortOptionMinimumApplies ? " (applies)" : ""}</td><td className="text-right">{money(c.riskRequirement)}</td>
              </tr>
            ))}
            <tr className="border-t border-slate-400"><td colSpan={7}>SPAN requirement</td><td className="text-right">{money(b.span.spanRequirement)}</td></tr>
            {b.span.additionalPerformanceBonds.map((a, i) => <tr key={i}><td colSpan={7}>{a.label}{a.reason ? `: ${a.reason}` : ""}</td><td className="text-right">{money(a.amount)}</td></tr>)}
            {!dec(b.span.concentrationCharge).isZero() ? <tr><td colSpan={7}>Concentration charge</td><td className="text-right">{money(b.span.concentrationCharge)}</td></tr> : null}
            <tr className="font-semibold"><td colSpan={7}>Maintenance</td><td className="text-right">{money(b.span.maintenance)}</td></tr>
            <tr className="font-semibold"><td colSpan={7}>Initial (maintenance + {formatPercent(b.span.initialBuffer)}%)</td><td className="text-right">{money(b.span.initial)}</td></tr>
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Collateral (Rule 820)</h2>
        <table className="mt-2 w-full text-sm" aria-label="Collateral">
          <thead className="text-left text-slate-500"><tr><th>Type</th><th className="text-right">Market value</th><th className="text-right">Haircut rate</th><th className="text-right">Haircut</th><th className="text-right">Value</th><th>Counts</th></tr></thead>
          <tbody>
            {b.collateral.lines.map((l) => <tr key={l.type} className="border-t border-slate-200"><td>{l.type}</td><td className="text-right">{money(l.marketValue)}</td><td className="text-right">{formatPercent(l.haircutRate, 1)}%</td><td className="text-right">{money(l.haircut)}</td><td className="text-right">{money(l.value)}</td><td>{l.eligible ? "yes" : "no"}</td></tr>)}
            <tr className="border-t border-slate-400 font-semibold"><td colSpan={4}>Value after haircuts</td><td className="text-right">{money(b.collateral.value)}</td><td /></tr>
          </tbody>
        </table>
      </section>
      <MarginExplain explain={explain} previousLabel={previousLabel} />
    </div>
  );
}
