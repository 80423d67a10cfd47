import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { Table } from "@/components/ui/Table";
import { DateTime, Quantity } from "@/components/ui/Money";
import { enumLabel, ORDER_STATE_LABELS } from "@/lib/shared/labels";
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
      <Table
        caption="Orders"
        columns={[
          { key: "order", header: "Order", cell: (o) => o.clientOrderId },
          { key: "ef", header: "Execution firm", cell: (o) => o.executionFirmId },
          { key: "account", header: "Account", cell: (o) => o.account },
          { key: "grouping", header: "Grouping", cell: (o) => `${o.exchange} × ${o.productComplex}` },
          { key: "product", header: "Product", cell: (o) => `${o.derivativeType === "FUTURE" ? "Future" : "Option"} ${o.product}` },
          { key: "side", header: "Side", cell: (o) => (o.side === "BUY" ? "Buy" : "Sell") },
          { key: "filled", header: "Filled", numeric: true, cell: (o) => <><Quantity value={o.filledQuantity} /> of <Quantity value={o.quantity} /></> },
          { key: "tif", header: "Time in force", cell: (o) => `${o.timeInForce}${o.expireDate ? ` ${o.expireDate.toISOString().slice(0, 10)}` : ""}` },
          { key: "state", header: "State", cell: (o) => `${enumLabel(ORDER_STATE_LABELS, o.state)}${o.cancelReason ? ` (${o.cancelReason})` : ""}` },
          { key: "entered", header: "Entered", cell: (o) => <DateTime value={o.createdAt} /> },
        ]}
        rows={orders}
        rowKey={(o) => o.id}
        rowProps={() => ({ "data-testid": "order-row" })}
        empty="No orders yet: orders sent through the API or uploaded as CSV appear here with their fills and state."
      />
    </div>
  );
}
