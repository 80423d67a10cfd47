import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { isoDay } from "@/components/margin/format";
import { Table } from "@/components/ui/Table";
import { DateTime, Money, Quantity } from "@/components/ui/Money";
import { COLLATERAL_REQUEST_KIND_LABELS, CYCLE_STATUS_LABELS, enumLabel } from "@/lib/shared/labels";
import { AddChargeForm, DecideCollateralButtons, EndChargeButton, LoadParametersForm, LoadPricesForm, RunCycleButton } from "@/components/margin/ChMarginForms";
import { SpanImportReportView } from "@/components/margin/SpanImportReport";
import { cycleLabel, marginOverview } from "@/lib/server/margin/queries";

export const dynamic = "force-dynamic";

const cycleName = (p: { cycleKind: string; cycleNumber: number }) => (p.cycleKind === "SCHEDULED" ? `cycle ${p.cycleNumber}` : `ad hoc ${p.cycleNumber}`);

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
        <Table
          caption="Settlement prices and cycles"
          columns={[
            { key: "date", header: "Business date", cell: (p) => isoDay(p.businessDate) },
            { key: "cycle", header: "Cycle", cell: (p) => cycleName(p) },
            { key: "prices", header: "Prices", numeric: true, cell: (p) => <Quantity value={p._count.prices} /> },
            { key: "source", header: "Source", cell: (p) => p.source },
            { key: "loaded", header: "Loaded", cell: (p) => <DateTime value={p.createdAt} /> },
            {
              key: "status",
              header: "Cycle status",
              cell: (p) => {
                const cycle = o.cycles.find((c) => c.priceSetId === p.id);
                return cycle ? <Link className="underline" href={`/ch/margin/cycles/${cycle.id}`}>{enumLabel(CYCLE_STATUS_LABELS, cycle.status)} ({cycle.processedAccounts}/{cycle.totalAccounts})</Link> : "not run";
              },
            },
            {
              key: "run",
              header: "",
              cell: (p) => {
                const cycle = o.cycles.find((c) => c.priceSetId === p.id);
                return canRun && cycle?.status !== "COMPLETED" ? <RunCycleButton priceSetId={p.id} label={`${isoDay(p.businessDate)} ${cycleName(p)}`} resume={Boolean(cycle)} /> : null;
              },
            },
          ]}
          rows={o.priceSets}
          rowKey={(p) => p.id}
          empty="No settlement prices loaded yet: each day's price sets appear here with their cycle."
        />
      </section>

      <section>
        <h2 className="text-lg font-semibold">Recent cycles</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {o.cycles.map((c) => (
            <li key={c.id}><Link className="underline" href={`/ch/margin/cycles/${c.id}`}>{cycleLabel(c)}</Link>: {enumLabel(CYCLE_STATUS_LABELS, c.status)}, {c.processedAccounts} of {c.totalAccounts} accounts{c.error ? <span className="text-red-700"> - {c.error}</span> : null}</li>
          ))}
        </ul>
      </section>

      <section>
        <h2 className="text-lg font-semibold">Risk parameter files</h2>
        <Table
          caption="Risk parameter files"
          columns={[
            { key: "date", header: "Business date", cell: (p) => isoDay(p.businessDate) },
            { key: "file", header: "File", cell: (p) => p.sourceName },
            { key: "contracts", header: "Contracts", numeric: true, cell: (p) => <Quantity value={p.contractCount} /> },
            { key: "currency", header: "Currency", cell: (p) => p.currency },
            { key: "skipped", header: "Not carried over", className: "text-xs", cell: (p) => (p.skipped as string[]).join("; ") || "-" },
            { key: "loaded", header: "Loaded", cell: (p) => <DateTime value={p.createdAt} /> },
            {
              key: "report",
              header: "Import report",
              cell: (p) =>
                p.importReport ? (
                  <details>
                    <summary className="cursor-pointer underline">Show</summary>
                    <SpanImportReportView report={p.importReport} label={`Import report of ${p.sourceName}`} />
                  </details>
                ) : "-",
            },
          ]}
          rows={o.parameterSets}
          rowKey={(p) => p.id}
          empty="No risk parameter file loaded yet: each SPAN file appears here with its import report."
        />
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Additional performance bond (Rule 824)</h2>
        <Table
          caption="Additional performance bonds"
          columns={[
            { key: "member", header: "Member", cell: (c) => firmCode.get(c.firmId) },
            { key: "product", header: "Product", cell: (c) => c.productCode ?? "whole member" },
            { key: "side", header: "Side", cell: (c) => (c.side === "LONG" ? "long" : c.side === "SHORT" ? "short" : c.side ?? "both") },
            { key: "amount", header: "Amount", numeric: true, cell: (c) => <Money value={c.amount} /> },
            { key: "reason", header: "Reason", cell: (c) => c.reason },
            { key: "since", header: "Since", cell: (c) => <DateTime value={c.createdAt} /> },
            { key: "action", header: "", cell: (c) => (canRun ? <EndChargeButton chargeId={c.id} /> : null) },
          ]}
          rows={o.charges}
          rowKey={(c) => c.id}
          empty="No additional performance bond in force."
        />
        {canRun ? <AddChargeForm firms={o.firms} /> : null}
      </section>

      <section>
        <h2 className="text-lg font-semibold">Collateral requests waiting</h2>
        <Table
          caption="Collateral requests waiting"
          columns={[
            { key: "member", header: "Member", cell: (r) => firmCode.get(r.firmId) },
            { key: "account", header: "Account", cell: (r) => r.accountNumber },
            { key: "kind", header: "Request", cell: (r) => COLLATERAL_REQUEST_KIND_LABELS[r.kind] },
            { key: "type", header: "Type", cell: (r) => r.type },
            { key: "value", header: "Market value", numeric: true, cell: (r) => <Money value={r.marketValue} /> },
            { key: "asked", header: "Asked", cell: (r) => <DateTime value={r.createdAt} /> },
            { key: "action", header: "", cell: (r) => (canRun ? <DecideCollateralButtons requestId={r.id} /> : null) },
          ]}
          rows={o.requests}
          rowKey={(r) => r.id}
          empty="None waiting: members' requests to post or withdraw collateral appear here to approve or reject."
        />
      </section>

      <section>
        <h2 className="text-lg font-semibold">Products</h2>
        <Table
          caption="Products"
          columns={[
            { key: "code", header: "Code", cell: (p) => p.code },
            { key: "kind", header: "Kind", cell: (p) => (p.kind === "FUTURE" ? "Future" : p.kind === "OPTION" ? "Option" : "Swap") },
            { key: "name", header: "Name", cell: (p) => p.name },
            { key: "multiplier", header: "Multiplier", numeric: true, cell: (p) => <Quantity value={p.multiplier} /> },
            { key: "tick", header: "Tick", numeric: true, cell: (p) => <Quantity value={p.tick} /> },
          ]}
          rows={o.products}
          rowKey={(p) => p.id}
          empty="No product set up yet: products appear here when a risk parameter file is loaded."
        />
      </section>
    </div>
  );
}
