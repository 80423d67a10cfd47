import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { groupingsOverview } from "@/lib/server/credit-controls/queries";
import { AutoRefresh } from "@/components/credit-controls/AutoRefresh";
import { CreateGroupingForm } from "@/components/credit-controls/GroupingForms";
import { Table } from "@/components/ui/Table";
import { Money } from "@/components/ui/Money";

function Used({ u }: { u: { amount: string; limit: string; percent: string | null; breached: boolean } }) {
  return (
    <span className={u.breached ? "font-semibold text-red-900" : ""} data-breached={u.breached ? "yes" : "no"}>
      <Money value={u.amount} /> of <Money value={u.limit} /> {u.percent !== null ? `(${u.percent}%)` : u.breached ? "(over a zero limit)" : ""}
    </span>
  );
}

export default async function CreditControlsPage() {
  const actor = await requirePage("member.read", "/member/credit-controls");
  const { tradingDate, rows } = await groupingsOverview(actor.firmId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Credit controls</h1>
        <p className="text-slate-600">
          GC2 limits per Executing Firm ID × exchange group × product complex, with live utilization for trading day <span data-testid="trading-date">{tradingDate}</span>. Utilization per product is the larger of long (filled + working buys) and short (filled + working sells) times its reference margin rate; futures and options are limited separately.
        </p>
        <p className="text-sm">
          <Link className="text-blue-800 underline" href="/member/credit-controls/rmi">RMI blocks and kill switch</Link> · <Link className="text-blue-800 underline" href="/member/credit-controls/orders">Orders and fills</Link> · <a className="text-blue-800 underline" href="/api/openapi.json">API (OpenAPI)</a>
        </p>
      </div>
      {can(actor, "member.riskAdmin") ? <CreateGroupingForm /> : null}
      <AutoRefresh seconds={5} />
      <Table
        caption="Groupings"
        columns={[
          { key: "grouping", header: "Grouping", cell: (r) => <Link className="text-blue-800 underline" href={`/member/credit-controls/groupings/${r.id}`}>{r.key}</Link> },
          { key: "version", header: "Version", cell: (r) => `v${r.version}` },
          { key: "futures", header: "Futures used of limit", numeric: true, cell: (r) => <Used u={r.futures} /> },
          { key: "options", header: "Options used of limit", numeric: true, cell: (r) => <Used u={r.options} /> },
          { key: "status", header: "Status", cell: (r) => (r.creditBlocked ? <span className="font-semibold text-red-800">blocked after a breach</span> : "open") },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
        rowClassName={(r) => (r.futures.breached || r.options.breached ? "bg-red-50" : undefined)}
        empty="No groupings yet: each Executing Firm ID × exchange × product complex you set limits for appears here with its live utilization."
      />
    </div>
  );
}
