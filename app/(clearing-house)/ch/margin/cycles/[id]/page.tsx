import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { money } from "@/components/margin/format";
import { Table } from "@/components/ui/Table";
import { Money, Quantity } from "@/components/ui/Money";
import { CYCLE_STATUS_LABELS, enumLabel } from "@/lib/shared/labels";
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
        <p className="text-slate-600">Status {enumLabel(CYCLE_STATUS_LABELS, r.cycle.status).toLowerCase()}: {r.cycle.processedAccounts.toLocaleString()} of {r.cycle.totalAccounts.toLocaleString()} accounts.{r.previousLabel ? ` Compared with ${r.previousLabel}.` : " No previous cycle to compare with."}</p>
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
        <Table
          caption="Members in deficit"
          columns={[
            { key: "member", header: "Member", cell: (f) => `${f.firm.code}: ${f.firm.legalName}` },
            { key: "accounts", header: "Accounts", numeric: true, cell: (f) => <Quantity value={f._count._all} /> },
            { key: "called", header: "Called", numeric: true, cell: (f) => <Money value={f._sum.call} /> },
          ]}
          rows={deficits}
          rowKey={(f) => f.firmId}
          empty="No member is in deficit: members called in this cycle appear here with the amount."
        />
      </section>
      <section>
        <h2 className="text-lg font-semibold">By member, against the previous cycle</h2>
        <Table
          caption="By member"
          columns={[
            { key: "member", header: "Member", cell: (f) => f.firm.code },
            { key: "maintenance", header: "Maintenance", numeric: true, cell: (f) => <Money value={f._sum.maintenance} /> },
            { key: "previous", header: "Previous", numeric: true, cell: (f) => (f.previous ? <Money value={f.previous._sum.maintenance ?? "0"} /> : "-") },
            { key: "change", header: "Change", numeric: true, cell: (f) => (f.previous ? <Money value={dec((f._sum.maintenance ?? 0).toString()).minus(dec((f.previous._sum.maintenance ?? 0).toString()))} /> : "-") },
            { key: "variation", header: "Variation", numeric: true, cell: (f) => <Money value={f._sum.variation} /> },
            { key: "collateral", header: "Collateral", numeric: true, cell: (f) => <Money value={f._sum.collateralValue} /> },
            { key: "call", header: "Call", numeric: true, cell: (f) => <Money value={f._sum.call} /> },
          ]}
          rows={r.firms}
          rowKey={(f) => f.firmId}
          empty="No member has a statement in this cycle."
        />
      </section>
      <section>
        <h2 className="text-lg font-semibold">Accounts (largest calls first{r.accounts.length < r.totals._count._all ? `; first ${r.accounts.length}` : ""})</h2>
        <Table
          caption="Accounts"
          columns={[
            { key: "member", header: "Member", cell: (a) => a.firmCode },
            { key: "account", header: "Account", cell: (a) => a.accountNumber },
            { key: "origin", header: "Origin", cell: (a) => ORIGIN_LABELS[a.origin] },
            { key: "positions", header: "Positions", numeric: true, cell: (a) => <Quantity value={a.positionCount} /> },
            { key: "requirement", header: "Requirement", numeric: true, cell: (a) => <Money value={a.maintenance} /> },
            { key: "initial", header: "Initial", numeric: true, cell: (a) => <Money value={a.initial} /> },
            { key: "variation", header: "Variation", numeric: true, cell: (a) => <Money value={a.variation} /> },
            { key: "collateral", header: "Collateral", numeric: true, cell: (a) => <Money value={a.collateralValue} /> },
            { key: "excess", header: "Excess / deficit", numeric: true, cell: (a) => <Money value={a.excess} /> },
            { key: "call", header: "Call", numeric: true, cell: (a) => <Money value={a.call} /> },
          ]}
          rows={r.accounts}
          rowKey={(a) => a.id}
          empty="No account statement in this cycle."
        />
      </section>
    </div>
  );
}
