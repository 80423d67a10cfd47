import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { isoDay, money } from "@/components/margin/format";
import { AddChargeForm, DecideCollateralButtons, EndChargeButton, LoadParametersForm, LoadPricesForm, RunCycleButton } from "@/components/margin/ChMarginForms";
import { SpanImportReportView } from "@/components/margin/SpanImportReport";
import { cycleLabel, marginOverview } from "@/lib/server/margin/queries";

export const dynamic = "force-dynamic";

export default async function MarginPage() {
  const actor = await requirePage("ch.read", "/ch/margin");
  const canRun = can(actor, "ch.risk");
  const o = await marginOverview();
  const today = o.parameterSets[0] ? isoDay(o.parameterSets[0].businessDate) : new Date().toISOString().slice(0, 10);
  const firmCode = new Map(o.firms.map((f) => [f.id, f.code]));
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Settlement cycles</h1>
        <p className="text-slate-600">Load a day&apos;s SPAN risk parameters and settlement prices, run the cycle (two a day for Base products, ad hoc on demand), and review requirements, settlement variation, collateral and calls.</p>
      </div>
      {canRun ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <LoadParametersForm defaultDate={today} />
          <LoadPricesForm defaultDate={today} />
        </div>
      ) : null}

      <section>
        <h2 className="text-lg font-semibold">Settlement prices and cycles</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Business date</th><th>Cycle</th><th>Prices</th><th>Source</th><th>Loaded</th><th>Cycle status</th><th /></tr></thead>
          <tbody>
            {o.priceSets.map((p) => {
              const label = p.cycleKind === "SCHEDULED" ? `cycle ${p.cycleNumber}` : `ad hoc ${p.cycleNumber}`;
              const cycle = o.cycles.find((c) => c.priceSetId === p.id);
              return (
                <tr key={p.id} className="border-t border-slate-200">
                  <td>{isoDay(p.businessDate)}</td><td>{label}</td><td>{p._count.prices}</td><td>{p.source}</td><td>{formatUtc(p.createdAt)}</td>
                  <td>{cycle ? <Link className="underline" href={`/ch/margin/cycles/${cycle.id}`}>{cycle.status.toLowerCase()} ({cycle.processedAccounts}/{cycle.totalAccounts})</Link> : "not run"}</td>
                  <td>{canRun && cycle?.status !== "COMPLETED" ? <RunCycleButton priceSetId={p.id} label={`${isoDay(p.businessDate)} ${label}`} resume={Boolean(cycle)} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section>
        <h2 className="text-lg font-semibold">Recent cycles</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {o.cycles.map((c) => (
            <li key={c.id}><Link className="underline" href={`/ch/margin/cycles/${c.id}`}>{cycleLabel(c)}</Link>: {c.status.toLowerCase()}, {c.processedAccounts} of {c.totalAccounts} accounts{c.error ? <span className="text-red-700"> - {c.error}</span> : null}</li>
          ))}
        </ul>
      </section>

      <section>
        <h2 className="text-lg font-semibold">Risk parameter files</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Business date</th><th>File</th><th>Contracts</th><th>Currency</th><th>Not carried over</th><th>Loaded</th><th>Import report</th></tr></thead>
          <tbody>
            {o.parameterSets.map((p) => (
              <tr key={p.id} className="border-t border-slate-200 align-top">
                <td>{isoDay(p.businessDate)}</td><td>{p.sourceName}</td><td>{p.contractCount}</td><td>{p.currency}</td><td className="text-xs">{(p.skipped as string[]).join("; ") || "-"}</td><td>{formatUtc(p.createdAt)}</td>
                <td>
                  {p.importReport ? (
                    <details>
                      <summary className="cursor-pointer underline">Show</summary>
                      <SpanImportReportView report={p.importReport} label={`Import report of ${p.sourceName}`} />
                    </details>
                  ) : "-"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Additional performance bond (Rule 824)</h2>
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Member</th><th>Product</th><th>Side</th><th>Amount</th><th>Reason</th><th>Since</th><th /></tr></thead>
          <tbody>
            {o.charges.map((c) => (
              <tr key={c.id} className="border-t border-slate-200"><td>{firmCode.get(c.firmId)}</td><td>{c.productCode ?? "whole member"}</td><td>{c.side?.toLowerCase() ?? "both"}</td><td>{money(c.amount)}</td><td>{c.reason}</td><td>{formatUtc(c.createdAt)}</td><td>{canRun ? <EndChargeButton chargeId={c.id} /> : null}</td></tr>
            ))}
          </tbody>
        </table>
        {canRun ? <AddChargeForm firms={o.firms} /> : null}
      </section>

      <section>
        <h2 className="text-lg font-semibold">Collateral requests waiting</h2>
        {o.requests.length === 0 ? <p className="text-sm text-slate-600">None.</p> : (
          <table className="mt-2 w-full text-sm">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th>Account</th><th>Request</th><th>Type</th><th>Market value</th><th>Asked</th><th /></tr></thead>
            <tbody>
              {o.requests.map((r) => (
                <tr key={r.id} className="border-t border-slate-200"><td>{firmCode.get(r.firmId)}</td><td>{r.accountNumber}</td><td>{r.kind.toLowerCase()}</td><td>{r.type}</td><td>{money(r.marketValue)}</td><td>{formatUtc(r.createdAt)}</td><td>{canRun ? <DecideCollateralButtons requestId={r.id} /> : null}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section>
        <h2 className="text-lg font-semibold">Products</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Code</th><th>Kind</th><th>Name</th><th>Multiplier</th><th>Tick</th></tr></thead>
          <tbody>
            {o.products.map((p) => <tr key={p.id} className="border-t border-slate-200"><td>{p.code}</td><td>{p.kind.toLowerCase()}</td><td>{p.name}</td><td>{p.multiplier.toString()}</td><td>{p.tick.toString()}</td></tr>)}
          </tbody>
        </table>
      </section>
    </div>
  );
}
