import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { groupingDetail } from "@/lib/server/credit-controls/queries";
import { GroupingSettingsForm, LiftCreditBlockButton } from "@/components/credit-controls/GroupingForms";

const clip = (n: number | null) => (n === null ? "" : String(n));

export default async function GroupingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("member.read", `/member/credit-controls/groupings/${id}`);
  const d = /^[0-9a-f-]{36}$/i.test(id) ? await groupingDetail(actor.firmId!, id) : null;
  if (!d) notFound();
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
        <table className="w-full text-sm" aria-label="Utilization">
          <thead className="text-left text-slate-500"><tr><th /><th>Used</th><th>Limit</th><th>Percent</th></tr></thead>
          <tbody>
            {types.map(({ label, t }) => (
              <tr key={label} className={`border-t border-slate-200 ${t.breached ? "bg-red-100 font-semibold text-red-900" : ""}`} data-testid={`utilization-${label.toLowerCase()}`}>
                <td>{label}</td><td>{t.amount.toFixed(2)}</td><td>{t.limit.toFixed(2)}</td><td>{t.percent ? `${t.percent.toFixed(1)}%` : t.breached ? "over a zero limit" : "-"}{t.breached ? " (breached)" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="mt-3 w-full text-sm" aria-label="Exposure by product">
          <thead className="text-left text-slate-500"><tr><th>Product</th><th>Filled long</th><th>Filled short</th><th>Working buys</th><th>Working sells</th><th>Long</th><th>Short</th><th>Rate</th><th>Exposure</th></tr></thead>
          <tbody>
            {u.products.map((p) => (
              <tr key={`${p.derivativeType}${p.product}`} className="border-t border-slate-200">
                <td>{p.derivativeType.toLowerCase()} {p.product}</td><td>{p.filledLong.toString()}</td><td>{p.filledShort.toString()}</td><td>{p.workingBuys.toString()}</td><td>{p.workingSells.toString()}</td>
                <td>{p.long.toString()}</td><td>{p.short.toString()}</td><td>{p.rate ? p.rate.toFixed(2) : <span className="text-red-800">no rate</span>}</td><td>{p.exposure.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="mt-4 font-medium">Working orders</h3>
        <table className="w-full text-sm" aria-label="Working orders">
          <thead className="text-left text-slate-500"><tr><th>Order</th><th>Account</th><th>Product</th><th>Side</th><th>Working</th><th>TIF</th><th>Counted</th></tr></thead>
          <tbody>
            {d.working.map((o) => (
              <tr key={o.id} className="border-t border-slate-200">
                <td>{o.clientOrderId}</td><td>{o.account}</td><td>{o.derivativeType.toLowerCase()} {o.product}</td><td>{o.side.toLowerCase()}</td><td>{o.quantity - o.filledQuantity} of {o.quantity}</td><td>{o.timeInForce}</td>
                <td>{o.timeInForce === "DAY" || (o.timeInForce === "GTC" && v.includeGtc) || (o.timeInForce === "GTD" && v.includeGtd) ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="mt-4 font-medium">Fills of the trading day</h3>
        <table className="w-full text-sm" aria-label="Fills">
          <thead className="text-left text-slate-500"><tr><th>Fill</th><th>Order</th><th>Product</th><th>Side</th><th>Quantity</th><th>Price</th></tr></thead>
          <tbody>
            {d.fills.map((f) => (
              <tr key={f.id} className="border-t border-slate-200"><td>{f.clientFillId}</td><td>{f.order.clientOrderId}</td><td>{f.order.derivativeType.toLowerCase()} {f.order.product}</td><td>{f.order.side.toLowerCase()}</td><td>{f.quantity}</td><td>{f.price.toString()}</td></tr>
            ))}
          </tbody>
        </table>
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
        {d.breaches.length === 0 ? <p className="text-sm text-slate-600">None.</p> : (
          <table className="w-full text-sm" aria-label="Breaches">
            <thead className="text-left text-slate-500"><tr><th>When</th><th>Trading day</th><th>Type</th><th>Utilization</th><th>Limit</th><th>Actions</th></tr></thead>
            <tbody>
              {d.breaches.map((b) => (
                <tr key={b.id} className="border-t border-slate-200 text-red-900"><td>{formatUtc(b.createdAt)}</td><td>{b.tradingDate.toISOString().slice(0, 10)}</td><td>{b.derivativeType.toLowerCase()}</td><td>{b.utilization.toFixed(2)}</td><td>{b.limitAmount.toFixed(2)}</td><td>{b.actions.join(", ") || "none"}{b.cancelledCount ? ` (${b.cancelledCount} cancelled)` : ""}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">History</h2>
        <table className="w-full text-sm" aria-label="History">
          <thead className="text-left text-slate-500"><tr><th>Version</th><th>When</th><th>Who</th><th>Futures limit</th><th>Options limit</th><th>Clips (BF/SF/BO/SO)</th><th>GTC/GTD</th><th>Actions</th><th>Rates</th><th>Note</th></tr></thead>
          <tbody>
            {d.versions.map((x) => (
              <tr key={x.id} className="border-t border-slate-200 align-top">
                <td>v{x.version}</td><td>{formatUtc(x.changedAt)}</td><td>{x.changedByEmail ?? "system"}</td><td>{x.futuresLimit.toFixed(2)}</td><td>{x.optionsLimit.toFixed(2)}</td>
                <td>{[x.clipBuyFutures, x.clipSellFutures, x.clipBuyOptions, x.clipSellOptions].map((c) => c ?? "-").join("/")}</td>
                <td>{x.includeGtc ? "GTC" : "-"}/{x.includeGtd ? "GTD" : "-"}</td>
                <td>{[x.actionEmail && "e-mail", x.actionBlock && "block", x.actionCancel && "cancel"].filter(Boolean).join(", ") || "none"}</td>
                <td className="font-mono text-xs">{x.rates.map((r) => `${r.derivativeType} ${r.product} ${r.rate.toString()}`).join("; ")}</td>
                <td>{x.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
