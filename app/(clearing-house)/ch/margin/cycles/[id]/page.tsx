import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { money } from "@/components/margin/format";
import { dec } from "@/lib/risk/money";
import { cycleResults } from "@/lib/server/margin/queries";
import { ORIGIN_LABELS } from "@/lib/server/margin/statement";

export const dynamic = "force-dynamic";

export default async function CyclePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePage("ch.read", `/ch/margin/cycles/${id}`);
  const r = /^[0-9a-f-]{36}$/.test(id) ? await cycleResults(id) : null;
  if (!r) notFound();
  const deficits = r.firms.filter((f) => f._sum.call?.greaterThan(0));
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm"><Link className="underline" href="/ch/margin">Settlement cycles</Link></p>
        <h1 className="text-2xl font-semibold">Cycle {r.label}</h1>
        <p className="text-slate-600">Status {r.cycle.status.toLowerCase()}: {r.cycle.processedAccounts.toLocaleString()} of {r.cycle.totalAccounts.toLocaleString()} accounts.{r.previousLabel ? ` Compared with ${r.previousLabel}.` : " No previous cycle to compare with."}</p>
        {r.cycle.error ? <p role="alert" className="text-red-700">{r.cycle.error}</p> : null}
      </div>
      <section>
        <h2 className="text-lg font-semibold">Totals</h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm md:grid-cols-6" data-testid="cycle-totals">
          <div><dt className="text-slate-500">Accounts</dt><dd>{r.totals._count._all.toLocaleString()}</dd></div>
          <div><dt className="text-slate-500">Maintenance</dt><dd>{money(r.totals._sum.maintenance)}</dd></div>
          <div><dt className="text-slate-500">Initial</dt><dd>{money(r.totals._sum.initial)}</dd></div>
          <div><dt className="text-slate-500">Settlement variation</dt><dd>{money(r.totals._sum.variation)}</dd></div>
          <div><dt className="text-slate-500">Collateral</dt><dd>{money(r.totals._sum.collateralValue)}</dd></div>
          <div><dt className="text-slate-500">Calls</dt><dd>{money(r.totals._sum.call)}</dd></div>
        </dl>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Members in deficit</h2>
        {deficits.length === 0 ? <p className="text-sm text-slate-600">No member is in deficit.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Members in deficit">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th className="text-right">Accounts</th><th className="text-right">Called</th></tr></thead>
            <tbody>{deficits.map((f) => <tr key={f.firmId} className="border-t border-slate-200"><td>{f.firm.code}: {f.firm.legalName}</td><td className="text-right">{f._count._all}</td><td className="text-right">{money(f._sum.call)}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">By member, against the previous cycle</h2>
        <table className="mt-2 w-full text-sm" aria-label="By member">
          <thead className="text-left text-slate-500"><tr><th>Member</th><th className="text-right">Maintenance</th><th className="text-right">Previous</th><th className="text-right">Change</th><th className="text-right">Variation</th><th className="text-right">Collateral</th><th className="text-right">Call</th></tr></thead>
          <tbody>
            {r.firms.map((f) => {
              const now = dec((f._sum.maintenance ?? 0).toString());
              const prev = f.previous ? dec((f.previous._sum.maintenance ?? 0).toString()) : null;
              return (
                <tr key={f.firmId} className="border-t border-slate-200">
                  <td>{f.firm.code}</td><td className="text-right">{money(now)}</td><td className="text-right">{prev === null ? "-" : money(prev)}</td><td className="text-right">{prev === null ? "-" : money(now.minus(prev))}</td>
                  <td className="text-right">{money(f._sum.variation)}</td><td className="text-right">{money(f._sum.collateralValue)}</td><td className="text-right">{money(f._sum.call)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Accounts (largest calls first{r.accounts.length < r.totals._count._all ? `; first ${r.accounts.length}` : ""})</h2>
        <table className="mt-2 w-full text-sm" aria-label="Accounts">
          <thead className="text-left text-slate-500"><tr><th>Member</th><th>Account</th><th>Origin</th><th className="text-right">Positions</th><th className="text-right">Requirement</th><th className="text-right">Initial</th><th className="text-right">Variation</th><th className="text-right">Collateral</th><th className="text-right">Excess / deficit</th><th className="text-right">Call</th></tr></thead>
          <tbody>
            {r.accounts.map((a) => (
              <tr key={a.id} className="border-t border-slate-200">
                <td>{a.firmCode}</td><td>{a.accountNumber}</td><td>{ORIGIN_LABELS[a.origin]}</td><td className="text-right">{a.positionCount}</td><td className="text-right">{money(a.maintenance)}</td><td className="text-right">{money(a.initial)}</td>
                <td className="text-right">{money(a.variation)}</td><td className="text-right">{money(a.collateralValue)}</td><td className={`text-right ${a.excess.isNegative() ? "text-red-700" : ""}`}>{money(a.excess)}</td><td className="text-right">{money(a.call)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
