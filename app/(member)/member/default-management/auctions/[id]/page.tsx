import Link from "next/link";
import { notFoundForFirm, requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { formatDate, formatMoney } from "@/components/filings/format";
import { BidPanel } from "@/components/default-management/member/BidPanel";
import { memberAuction } from "@/lib/server/default-management/member-queries";

export const dynamic = "force-dynamic";

/** What the firm's outcome means for its Base guaranty fund contribution when the default's waterfall is run (Rule 802.B.1.ii). */
function meaning(r: { seniorized: string; maintained: string; subordinated: string }): string[] {
  const out: string[] = [];
  const positive = (s: string) => !/^-?0+(\.0+)?$/.test(s);
  if (positive(r.subordinated)) out.push(`${formatMoney(r.subordinated)} subordinated: used first, before the other members' contributions, if the loss reaches the guaranty fund (Rule 802.B.1.ii.a).`);
  if (positive(r.maintained)) out.push(`${formatMoney(r.maintained)} maintained: used pro rata with the rest of the fund (Rule 802.B.1.ii.b).`);
  if (positive(r.seniorized)) out.push(`${formatMoney(r.seniorized)} seniorized: used last, only after every other member's contribution (Rule 802.B.1.ii.c).`);
  if (out.length === 0) out.push("Your firm has no guaranty fund contribution on deposit, so nothing is seniorized, maintained or subordinated.");
  return out;
}

export default async function MemberAuctionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("member.read", `/member/default-management/auctions/${id}`);
  const a = await memberAuction(actor.firmId!, id);
  if (!a) return notFoundForFirm(actor, `/member/default-management/auctions/${id}`);
  const admin = can(actor, "member.riskAdmin");
  const r = a.result;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm"><Link href="/member/default-management" className="text-blue-800 underline">Auctions &amp; defaults</Link></p>
        <h1 className="text-2xl font-semibold">Auction {a.reference}</h1>
        <p className="text-slate-600">
          The {a.category.name} ({a.category.code}) portfolio of {a.defaulter.name} ({a.defaulter.code}), in default since {formatDate(a.defaulter.defaultDate)}.
          Your firm is invited {a.mandated ? "as a mandated bidder: it is required to bid (Rule 914)" : "as a voluntary bidder: it may bid, and is not required to"}.
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 text-sm md:grid-cols-4">
        <dt className="text-slate-500">Opens</dt><dd>{formatUtc(a.opensAt)}</dd>
        <dt className="text-slate-500">Closes</dt><dd>{formatUtc(a.closesAt)}</dd>
        <dt className="text-slate-500">Status</dt>
        <dd data-testid="auction-status">{a.phase === "open" ? "open for bids" : a.phase === "scheduled" ? "not yet open" : a.phase === "closing" ? "deadline passed; the result is being recorded" : `closed ${a.closedAt ? formatUtc(a.closedAt) : ""}${a.closedEarly ? " (early, by the clearing house)" : ""}`}</dd>
        <dt className="text-slate-500">Clearing house clock when this page was made</dt><dd>{formatUtc(a.now)}</dd>
      </dl>

      <section aria-labelledby="portfolio">
        <h2 id="portfolio" className="text-lg font-semibold">Portfolio</h2>
        <p className="text-sm">
          Performance bond requirement (SPAN maintenance{a.portfolio.parametersOf ? `, risk parameters of ${a.portfolio.parametersOf}` : ""}): <strong>{formatMoney(a.portfolio.maintenance)}</strong>
          {a.portfolio.initial ? <> (initial {formatMoney(a.portfolio.initial)})</> : null}. The winner takes every position below.
        </p>
        <table className="[&_td]:pr-3 [&_th]:pr-3 mt-2 w-full text-sm" aria-label="Portfolio">
          <thead className="text-left text-slate-500"><tr><th>Contract</th><th>Product</th><th className="text-right">Quantity</th><th>Side</th></tr></thead>
          <tbody>
            {a.portfolio.positions.map((p) => (
              <tr key={p.contract} className="border-t border-slate-200">
                <td className="font-mono">{p.contract}</td><td>{p.name}</td><td className="text-right">{p.quantity.replace(/^-/, "")}</td><td>{p.quantity.startsWith("-") ? "short" : "long"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {a.phase === "scheduled" ? <p className="text-sm">Bidding opens at {formatUtc(a.opensAt)} by the clearing house&apos;s clock. Reload the page then to bid.</p> : null}

      <BidPanel
        auctionId={a.id}
        closesAt={a.closesAt.toISOString()}
        serverNow={a.now.toISOString()}
        open={a.phase === "open"}
        canBid={admin}
        initialBids={a.bids}
        portfolioPerformanceBond={a.portfolio.maintenance}
      />

      {a.phase === "closed" ? (
        <section aria-labelledby="result" className="space-y-2">
          <h2 id="result" className="text-lg font-semibold">Your firm&apos;s result</h2>
          {r ? (
            <>
              <p className="text-sm" data-testid="own-outcome"><strong>{r.short[0]!.toUpperCase() + r.short.slice(1)}:</strong> {r.long}</p>
              <table className="[&_td]:pr-3 [&_th]:pr-3 text-sm" aria-label="Your result">
                <tbody>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Your last bid (the one that counted)</th><td className="text-right">{r.bid === null ? "no bid" : `${formatMoney(r.bid)} (${r.bidReference})`}</td></tr>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Bids your firm submitted</th><td className="text-right">{r.bidsSubmitted}</td></tr>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Your Base guaranty fund contribution</th><td className="text-right">{formatMoney(r.contribution)}</td></tr>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Cap: min(your requirement, the defaulter&apos;s)</th><td className="text-right">{formatMoney(r.cap)}</td></tr>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Seniorized</th><td className="text-right">{formatMoney(r.seniorized)}</td></tr>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Maintained</th><td className="text-right">{formatMoney(r.maintained)}</td></tr>
                  <tr><th className="pr-6 text-left font-normal text-slate-500">Subordinated</th><td className="text-right">{formatMoney(r.subordinated)}</td></tr>
                </tbody>
              </table>
              <div className="text-sm">
                <p className="font-semibold">What this means for your guaranty fund contribution</p>
                <ul className="list-disc pl-5">{meaning(r).map((m) => <li key={m}>{m}</li>)}</ul>
                <p className="mt-1 text-slate-600">
                  The contribution beyond the cap is always maintained. Nothing is taken yet: the order applies when the clearing house runs the waterfall of this default; any
                  contribution used is then called back by a replenishment notice on your <Link className="text-blue-800 underline" href="/member/guaranty-fund">guaranty fund</Link> page.
                  Other members&apos; bids and results are not shown to your firm.
                </p>
              </div>
            </>
          ) : <p className="text-sm">The auction is closed; no result was recorded for your firm.</p>}
        </section>
      ) : null}
    </div>
  );
}
