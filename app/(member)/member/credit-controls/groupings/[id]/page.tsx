import Link from "next/link";
import { notFoundForFirm, requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { Table } from "@/components/ui/Table";
import { DateTime, Money, Price, Quantity } from "@/components/ui/Money";
import { groupingDetail } from "@/lib/server/credit-controls/queries";
import { GroupingSettingsForm, LiftCreditBlockButton } from "@/components/credit-controls/GroupingForms";

const clip = (n: number | null) => (n === null ? "" : String(n));

export default async function GroupingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("member.read", `/member/credit-controls/groupings/${id}`);
  const d = /^[0-9a-f-]{36}$/i.test(id) ? await groupingDetail(actor.firmId!, id) : null;
  if (!d) return notFoundForFirm(actor, `/member/credit-controls/groupings/${id}`);
  const { grouping: g, current: v, utilization: u } = d;
  const admin = can(actor, "member.riskAdmin");
  const types = [
    { label: "Futures", t: u.futures },
    { label: "Options", t: u.options },
  ];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm"><Link href="/member/credit-controls" className="text-blue-800 underline">Credit controls</Link></p>
        <h1 className="text-2xl font-semibold">{g.executionFirmId} × {g.exchange} × {g.productComplex}</h1>
        <p className="text-slate-600">Version {v.version}, trading day {d.tradingDate}.</p>
      </div>
      {d.activeBlock ? (
        <div role="alert" className="flex items-center justify-between rounded border border-red-400 bg-red-50 p-3 text-red-900">
          <span>Blocked after a limit breach ({formatUtc(d.activeBlock.createdAt)}): every order in this grouping is refused. An RMI unblock does not lift this block.</span>
          {admin ? <LiftCreditBlockButton groupingId={g.id} /> : null}
        </div>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Utilization</h2>
        <Table
          caption="Utilization"
          columns={[
            { key: "type", header: "Derivative type", cell: (r) => r.label },
            { key: "used", header: "Used", numeric: true, cell: (r) => <Money value={r.t.amount} /> },
            { key: "limit", header: "Limit", numeric: true, cell: (r) => <Money value={r.t.limit} /> },
            { key: "percent", header: "Percent of limit", numeric: true, cell: (r) => `${r.t.percent ? `${r.t.percent.toFixed(1)}%` : r.t.breached ? "over a zero limit" : "-"}${r.t.breached ? " (breached)" : ""}` },
          ]}
          rows={types}
          rowKey={(r) => r.label}
          rowClassName={(r) => (r.t.breached ? "bg-red-100 font-semibold text-red-900" : undefined)}
          rowProps={(r) => ({ "data-testid": `utilization-${r.label.toLowerCase()}` })}
          empty="No derivative type."
        />
        <Table
          caption="Exposure by product"
          className="mt-3"
          columns={[
            { key: "product", header: "Product", cell: (p) => `${p.derivativeType === "FUTURE" ? "Future" : "Option"} ${p.product}` },
            { key: "fl", header: "Filled long", numeric: true, cell: (p) => <Quantity value={p.filledLong} /> },
            { key: "fs", header: "Filled short", numeric: true, cell: (p) => <Quantity value={p.filledShort} /> },
            { key: "wb", header: "Working buys", numeric: true, cell: (p) => <Quantity value={p.workingBuys} /> },
            { key: "ws", header: "Working sells", numeric: true, cell: (p) => <Quantity value={p.workingSells} /> },
            { key: "long", header: "Long", numeric: true, cell: (p) => <Quantity value={p.long} /> },
            { key: "short", header: "Short", numeric: true, cell: (p) => <Quantity value={p.short} /> },
            { key: "rate", header: "Rate per contract", numeric: true, cell: (p) => (p.rate ? <Money value={p.rate} /> : <span className="text-red-800">no rate</span>) },
            { key: "exposure", header: "Exposure", numeric: true, cell: (p) => <Money value={p.exposure} /> },
          ]}
          rows={u.products}
          rowKey={(p) => `${p.derivativeType}${p.product}`}
          empty="No fills today and no working orders: each product traded in this grouping appears here with its exposure."
        />
        <h3 className="mt-4 font-medium">Working orders</h3>
        <Table
          caption="Working orders"
          columns={[
            { key: "order", header: "Order", cell: (o) => o.clientOrderId },
            { key: "account", header: "Account", cell: (o) => o.account },
            { key: "product", header: "Product", cell: (o) => `${o.derivativeType === "FUTURE" ? "Future" : "Option"} ${o.product}` },
            { key: "side", header: "Side", cell: (o) => (o.side === "BUY" ? "Buy" : "Sell") },
            { key: "working", header: "Working", numeric: true, cell: (o) => <><Quantity value={o.quantity - o.filledQuantity} /> of <Quantity value={o.quantity} /></> },
            { key: "tif", header: "Time in force", cell: (o) => o.timeInForce },
            { key: "counted", header: "Counted", cell: (o) => (o.timeInForce === "DAY" || (o.timeInForce === "GTC" && v.includeGtc) || (o.timeInForce === "GTD" && v.includeGtd) ? "yes" : "no") },
          ]}
          rows={d.working}
          rowKey={(o) => o.id}
          empty="No working orders in this grouping."
        />
        <h3 className="mt-4 font-medium">Fills of the trading day</h3>
        <Table
          caption="Fills"
          columns={[
            { key: "fill", header: "Fill", cell: (f) => f.clientFillId },
            { key: "order", header: "Order", cell: (f) => f.order.clientOrderId },
            { key: "product", header: "Product", cell: (f) => `${f.order.derivativeType === "FUTURE" ? "Future" : "Option"} ${f.order.product}` },
            { key: "side", header: "Side", cell: (f) => (f.order.side === "BUY" ? "Buy" : "Sell") },
            { key: "quantity", header: "Quantity", numeric: true, cell: (f) => <Quantity value={f.quantity} /> },
            { key: "price", header: "Price", numeric: true, cell: (f) => <Price value={f.price} /> },
          ]}
          rows={d.fills}
          rowKey={(f) => f.id}
          empty="No fills in this grouping today."
        />
      </section>
      {admin ? (
        <section>
          <h2 className="text-lg font-semibold">Settings</h2>
          <GroupingSettingsForm
            defaults={{
              groupingId: g.id,
              futuresLimit: v.futuresLimit.toFixed(2),
              optionsLimit: v.optionsLimit.toFixed(2),
              clipBuyFutures: clip(v.clipBuyFutures),
              clipSellFutures: clip(v.clipSellFutures),
              clipBuyOptions: clip(v.clipBuyOptions),
              clipSellOptions: clip(v.clipSellOptions),
              includeGtc: v.includeGtc,
              includeGtd: v.includeGtd,
              actionEmail: v.actionEmail,
              actionBlock: v.actionBlock,
              actionCancel: v.actionCancel,
              rates: v.rates.map((r) => ({ derivativeType: r.derivativeType, product: r.product, rate: r.rate.toString() })),
              note: "",
            }}
          />
        </section>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Breaches</h2>
        <Table
          caption="Breaches"
          columns={[
            { key: "when", header: "When", cell: (b) => <DateTime value={b.createdAt} /> },
            { key: "day", header: "Trading day", cell: (b) => <DateTime value={b.tradingDate} day /> },
            { key: "type", header: "Derivative type", cell: (b) => (b.derivativeType === "FUTURE" ? "Futures" : "Options") },
            { key: "utilization", header: "Utilization", numeric: true, cell: (b) => <Money value={b.utilization} /> },
            { key: "limit", header: "Limit", numeric: true, cell: (b) => <Money value={b.limitAmount} /> },
            { key: "actions", header: "Actions taken", cell: (b) => `${b.actions.join(", ") || "none"}${b.cancelledCount ? ` (${b.cancelledCount} cancelled)` : ""}` },
          ]}
          rows={d.breaches}
          rowKey={(b) => b.id}
          rowClassName={() => "text-red-900"}
          empty="No breach: a breach of a limit appears here with the actions it set off."
        />
      </section>
      <section>
        <h2 className="text-lg font-semibold">History</h2>
        <Table
          caption="History"
          columns={[
            { key: "version", header: "Version", cell: (x) => `v${x.version}` },
            { key: "when", header: "When", cell: (x) => <DateTime value={x.changedAt} /> },
            { key: "who", header: "Who", cell: (x) => x.changedByEmail ?? "the portal" },
            { key: "fl", header: "Futures limit", numeric: true, cell: (x) => <Money value={x.futuresLimit} /> },
            { key: "ol", header: "Options limit", numeric: true, cell: (x) => <Money value={x.optionsLimit} /> },
            { key: "clips", header: "Clips (BF/SF/BO/SO)", cell: (x) => [x.clipBuyFutures, x.clipSellFutures, x.clipBuyOptions, x.clipSellOptions].map((c) => c ?? "-").join("/") },
            { key: "gtc", header: "GTC/GTD", cell: (x) => `${x.includeGtc ? "GTC" : "-"}/${x.includeGtd ? "GTD" : "-"}` },
            { key: "actions", header: "Actions", cell: (x) => [x.actionEmail && "e-mail", x.actionBlock && "block", x.actionCancel && "cancel"].filter(Boolean).join(", ") || "none" },
            { key: "rates", header: "Rates", cell: (x) => <span className="font-mono text-xs">{x.rates.map((r) => `${r.derivativeType} ${r.product} ${r.rate.toString()}`).join("; ")}</span> },
            { key: "note", header: "Note", cell: (x) => x.note },
          ]}
          rows={d.versions}
          rowKey={(x) => x.id}
          empty="No version yet."
        />
      </section>
    </div>
  );
}
