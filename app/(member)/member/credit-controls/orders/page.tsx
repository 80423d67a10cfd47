import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { recentOrders } from "@/lib/server/credit-controls/queries";
import { CsvUpload } from "@/components/credit-controls/CsvUpload";

export default async function OrdersPage() {
  const actor = await requirePage("member.read", "/member/credit-controls/orders");
  const orders = await recentOrders(actor.firmId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Orders and fills</h1>
        <p className="text-slate-600">Your working orders and fills, sent by your systems through the API (<a className="text-blue-800 underline" href="/api/openapi.json">OpenAPI</a>, with a key from API keys) or uploaded here as CSV. New orders sent to <code>POST /api/orders</code> pass the pre-trade check first; a CSV of orders records your book as it stands.</p>
      </div>
      {can(actor, "member.riskAdmin") ? <CsvUpload /> : null}
      <table className="w-full text-sm" aria-label="Orders">
        <thead className="text-left text-slate-500"><tr><th>Order</th><th>Execution firm</th><th>Account</th><th>Grouping</th><th>Product</th><th>Side</th><th>Filled</th><th>TIF</th><th>State</th><th>Entered</th></tr></thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} className="border-t border-slate-200" data-testid="order-row">
              <td>{o.clientOrderId}</td><td>{o.executionFirmId}</td><td>{o.account}</td><td>{o.exchange} × {o.productComplex}</td><td>{o.derivativeType.toLowerCase()} {o.product}</td><td>{o.side.toLowerCase()}</td>
              <td>{o.filledQuantity} of {o.quantity}</td><td>{o.timeInForce}{o.expireDate ? ` ${o.expireDate.toISOString().slice(0, 10)}` : ""}</td>
              <td>{o.state.toLowerCase().replace("_", " ")}{o.cancelReason ? ` (${o.cancelReason})` : ""}</td><td>{formatUtc(o.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
