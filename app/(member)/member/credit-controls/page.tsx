import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { groupingsOverview } from "@/lib/server/credit-controls/queries";
import { AutoRefresh } from "@/components/credit-controls/AutoRefresh";
import { CreateGroupingForm } from "@/components/credit-controls/GroupingForms";

function Used({ u }: { u: { amount: string; limit: string; percent: string | null; breached: boolean } }) {
  return (
    <td className={u.breached ? "bg-red-100 font-semibold text-red-900" : ""} data-breached={u.breached ? "yes" : "no"}>
      {u.amount} / {u.limit} {u.percent !== null ? `(${u.percent}%)` : u.breached ? "(over a zero limit)" : ""}
    </td>
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
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No groupings yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Grouping</th><th>Version</th><th>Futures used / limit</th><th>Options used / limit</th><th>Status</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200">
                <td><Link className="text-blue-800 underline" href={`/member/credit-controls/groupings/${r.id}`}>{r.key}</Link></td>
                <td>v{r.version}</td>
                <Used u={r.futures} />
                <Used u={r.options} />
                <td>{r.creditBlocked ? <span className="font-semibold text-red-800">blocked after a breach</span> : "open"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
