import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatDay, formatUsd, formatUtc } from "@/components/format";
import { AuctionCard } from "@/components/default-management/ch/AuctionCard";
import { CreateAuctionForm } from "@/components/default-management/ch/AuctionForms";
import { RunWaterfallForm } from "@/components/default-management/ch/RunWaterfallForm";
import { ACCOUNT_CLASS_LABELS, WaterfallReport } from "@/components/default-management/ch/WaterfallReport";
import { chDefaultDetail } from "@/lib/server/default-management/ch-queries";

export const dynamic = "force-dynamic";

const NOTICE_LABELS: Record<string, string> = { REPLENISHMENT: "Replenishment notice", ASSESSMENT: "Assessment notice" };

/** A datetime-local value (UTC) an hour from now, rounded to the minute. */
function inAnHour(): string {
  return new Date(Date.now() + 3600_000).toISOString().slice(0, 16);
}

export default async function ChDefaultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("ch.read", `/ch/default-management/defaults/${id}`);
  const d = await chDefaultDetail(id);
  if (!d) notFound();
  const risk = can(actor, "ch.risk");
  const md = d.memberDefault;
  const voluntaryChoices = d.activeFirms.filter((f) => f.id !== d.defaulter.id).map((f) => ({ id: f.id, code: f.code, legalName: f.legalName }));
  return (
    <div className="space-y-8">
      <p className="text-sm"><Link className="text-blue-800 underline" href="/ch/default-management">Default management</Link></p>
      <h1 className="text-2xl font-semibold">Default of {d.defaulter.code} · {d.defaulter.legalName}</h1>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 text-sm md:grid-cols-4">
        <dt className="text-slate-500">Default date</dt><dd>{formatDay(md.defaultDate)}</dd>
        <dt className="text-slate-500">Declared</dt><dd>{formatUtc(md.declaredAt)}{d.declaredBy ? ` by ${d.declaredBy}` : ""}</dd>
        <dt className="text-slate-500">Cooling-off period (Rule 802.H)</dt><dd data-testid="cooling-off">{formatDay(md.coolingOffStart)} to {formatDay(md.coolingOffEnd)}</dd>
        <dt className="text-slate-500">Member status</dt><dd>{d.defaulter.status.toLowerCase().replace("_", " ")}</dd>
        <dt className="text-slate-500">Reason</dt><dd className="col-span-3">{md.reason}</dd>
      </dl>

      <section aria-labelledby="auctions" className="space-y-3">
        <h2 id="auctions" className="text-lg font-semibold">Auctions</h2>
        <p className="text-sm text-slate-600">
          Each auction offers the defaulter&apos;s proprietary positions in one Base Product Category to the category&apos;s mandated bidders (added from the notified roster) and to the voluntary bidders chosen. Bids are sealed; bidding stops at the deadline by the clearing house&apos;s clock and the auction closes by itself then.
        </p>
        {risk && !d.waterfall ? <CreateAuctionForm defaultId={md.id} categories={d.auctionChoices.map((c) => ({ id: c.id, code: c.code, name: c.name, positions: c.positions.length, mandated: c.mandated, auctioned: c.auctioned }))} firms={voluntaryChoices} defaultClosesAt={inAnHour()} /> : null}
        {d.auctions.length === 0 ? <p className="text-sm">No auction yet.</p> : d.auctions.map((a) => <AuctionCard key={a.id} auction={a} canAct={risk} />)}
      </section>

      <section aria-labelledby="waterfall" className="space-y-3">
        <h2 id="waterfall" className="text-lg font-semibold">Waterfall (Rule 802.B.1)</h2>
        {d.waterfall ? (
          <WaterfallReport result={d.waterfall.result} loss={d.waterfall.loss} ranAt={d.waterfall.ranAt} ranBy={d.waterfall.ranBy} />
        ) : !d.allClosed ? (
          <p className="text-sm">The waterfall can be run once every auction of this default is closed.</p>
        ) : (
          <>
            {d.collateral ? (
              <div className="text-sm">
                <p>
                  The defaulter&apos;s collateral on file{d.collateral.cycle ? ` (margin cycle ${d.collateral.cycle.businessDate} #${d.collateral.cycle.number})` : " (no completed margin cycle)"}: guaranty fund contribution {formatUsd(d.collateral.guarantyFund)}, house performance bond {formatUsd(d.collateral.housePerformanceBond)}.
                </p>
                <table className="mt-1 w-auto [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Defaulter customer collateral">
                  <thead className="text-left text-slate-500"><tr><th className="pr-6">Customer class</th><th className="pr-6 text-right">Collateral</th><th className="text-right">Performance bond requirement</th></tr></thead>
                  <tbody>
                    {(["customerSegregated", "customerSecured", "customerClearedSwaps"] as const).map((k) => (
                      <tr key={k} className="border-t border-slate-200"><td className="pr-6">{ACCOUNT_CLASS_LABELS[k]}</td><td className="pr-6 text-right">{formatUsd(d.collateral!.customer[k])}</td><td className="text-right">{formatUsd(d.collateral!.customerPerformanceBondRequirements[k])}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {risk ? <RunWaterfallForm defaultId={md.id} /> : <p className="text-sm">Not run yet.</p>}
          </>
        )}
      </section>

      <section aria-labelledby="notices" className="space-y-3">
        <h2 id="notices" className="text-lg font-semibold">Notices issued</h2>
        <p className="text-sm text-slate-600">Replenishment notices (Rule 802.F: restore the guaranty fund used by the next business day) and assessment notices (802.B.1.v) issued by this default&apos;s waterfall.</p>
        {d.notices.length === 0 ? <p className="text-sm">None.</p> : (
          <table className="w-full text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Notices issued">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th>Notice</th><th>Dated</th><th className="text-right">Amount due</th><th>Due date</th><th>Status</th><th>Acknowledged</th></tr></thead>
            <tbody>
              {d.notices.map((n) => (
                <tr key={n.id} className="border-t border-slate-200">
                  <td>{n.firm}</td><td title={n.rule}>{NOTICE_LABELS[n.kind] ?? n.kind}</td><td>{formatDay(n.noticeDate)}</td>
                  <td className="text-right">{formatUsd(n.amountDue)}</td><td>{n.dueDate ? formatDay(n.dueDate) : ""}</td>
                  <td>{n.settledAt ? "met" : "open"}</td>
                  <td>{n.acknowledgedAt ? `${formatUtc(n.acknowledgedAt)}${n.acknowledgedBy ? ` by ${n.acknowledgedBy}` : ""}` : "not yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
