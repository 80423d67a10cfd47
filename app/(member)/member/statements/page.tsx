import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { formatUtc } from "@/components/format";
import { money } from "@/components/margin/format";
import { formatPercent } from "@/lib/risk/money";
import { HistoryChart } from "@/components/margin/HistoryChart";
import { CollateralRequestForm, PositionUploadForm } from "@/components/margin/MemberForms";
import { DEFAULT_COLLATERAL_SCHEDULE, valueCollateral, type CollateralType } from "@/lib/risk";
import { memberCollateralRequests, memberHistory, memberStatements } from "@/lib/server/margin/queries";
import { ORIGIN_LABELS } from "@/lib/server/margin/statement";

export const dynamic = "force-dynamic";

export default async function StatementsPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const actor = await requirePage("member.read", "/member/statements");
  const firmId = actor.firmId!;
  const { before } = await searchParams;
  const [statements, history, requests] = await Promise.all([memberStatements(firmId, { before: typeof before === "string" ? before : undefined }), memberHistory(firmId), memberCollateralRequests(firmId)]);
  if (!statements) notFound();
  const { accounts, cycles, olderBefore } = statements;
  const haircuts = Object.fromEntries(Object.entries(DEFAULT_COLLATERAL_SCHEDULE).map(([k, v]) => [k, String(v.haircut)]));
  const number = new Map(accounts.map((a) => [a.id, a.accountNumber]));
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Margin statements</h1>
        <p className="text-slate-600">Performance bond and settlement variation per account and cycle, with the SPAN breakdown, collateral after haircuts and any call.</p>
      </div>
      <section>
        <h2 className="text-lg font-semibold">Requirement and collateral over time</h2>
        <HistoryChart points={history.map((h) => ({ label: h.label, maintenance: h.maintenance, initial: h.initial, collateral: h.collateral }))} />
      </section>
      {cycles.length === 0 ? <p className="text-sm text-slate-600">No statements yet: they appear after the clearing house runs a settlement cycle.</p> : null}
      {before ? (
        <p className="text-sm">
          Older statements, from {cycles[0]?.label}. <Link className="text-blue-800 underline" href="/member/statements">Back to the latest</Link>
        </p>
      ) : null}
      {cycles.map((c) => (
        <section key={c.id}>
          <h2 className="text-lg font-semibold">{c.label}</h2>
          <table className="mt-2 w-full text-sm" aria-label={`Statements ${c.label}`}>
            <thead className="text-left text-slate-500"><tr><th>Account</th><th>Origin</th><th className="text-right">Variation</th><th className="text-right">Maintenance</th><th className="text-right">Initial</th><th className="text-right">Collateral</th><th className="text-right">Excess / deficit</th><th className="text-right">Call</th></tr></thead>
            <tbody>
              {c.statements.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <td><Link className="underline" href={`/member/statements/${s.id}`}>{s.accountNumber}</Link></td><td>{ORIGIN_LABELS[s.origin]}</td>
                  <td className="text-right">{money(s.variation)}</td><td className="text-right">{money(s.maintenance)}</td><td className="text-right">{money(s.initial)}</td><td className="text-right">{money(s.collateralValue)}</td>
                  <td className={`text-right ${s.excess.isNegative() ? "text-red-700" : ""}`}>{money(s.excess)}</td><td className="text-right">{money(s.call)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {olderBefore ? (
        <nav aria-label="Older statements" className="text-sm">
          <Link className="text-blue-800 underline" href={`/member/statements?before=${olderBefore}`}>Older statements</Link>
        </nav>
      ) : null}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Collateral on deposit</h2>
        <table className="w-full text-sm" aria-label="Collateral on deposit">
          <thead className="text-left text-slate-500"><tr><th>Account</th><th>Type</th><th className="text-right">Market value</th><th className="text-right">Haircut</th><th className="text-right">Value</th></tr></thead>
          <tbody>
            {accounts.flatMap((a) => {
              const v = valueCollateral({ requirementType: "core", holdings: a.holdings.map((h) => ({ type: h.type as CollateralType, marketValue: h.marketValue.toFixed(2) })) });
              return v.lines.map((l, i) => (
                <tr key={`${a.id}-${i}`} className="border-t border-slate-200"><td>{a.accountNumber}</td><td>{l.type}</td><td className="text-right">{money(l.marketValue.toString())}</td><td className="text-right">{money(l.haircut.toString())} ({formatPercent(l.haircutRate, 1)}%)</td><td className="text-right">{money(l.value.toString())}</td></tr>
              ));
            })}
          </tbody>
        </table>
        <CollateralRequestForm accounts={accounts.map((a) => ({ id: a.id, accountNumber: a.accountNumber }))} haircuts={haircuts} />
        {requests.length ? (
          <table className="w-full text-sm" aria-label="Collateral requests">
            <thead className="text-left text-slate-500"><tr><th>Asked</th><th>Account</th><th>Request</th><th>Type</th><th className="text-right">Market value</th><th>Status</th></tr></thead>
            <tbody>{requests.map((r) => <tr key={r.id} className="border-t border-slate-200"><td>{formatUtc(r.createdAt)}</td><td>{number.get(r.accountId)}</td><td>{r.kind.toLowerCase()}</td><td>{r.type}</td><td className="text-right">{money(r.marketValue)}</td><td>{r.status.toLowerCase()}</td></tr>)}</tbody>
          </table>
        ) : null}
      </section>
      <PositionUploadForm />
    </div>
  );
}
