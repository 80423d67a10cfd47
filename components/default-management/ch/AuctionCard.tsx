import { formatUsd, formatUtc } from "@/components/format";
import { CloseAuctionForm, DesignateWinnersForm } from "./AuctionForms";
import { OUTCOME_LABELS } from "./form-errors";
import type { AuctionResultJson } from "@/lib/server/default-management/ch-queries";

export interface AuctionView {
  readonly id: string;
  readonly reference: string;
  readonly category: string;
  readonly status: "OPEN" | "CLOSED";
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly closedAt: Date | null;
  readonly closeReason: string | null;
  readonly portfolioPerformanceBond: string;
  readonly positions: readonly { contract: string; quantity: string }[];
  readonly parametersOf: string | null;
  readonly invited: readonly { code: string; mandated: boolean }[];
  /** while open: how many members bid and how many bids arrived (nothing else about them) */
  readonly bidding: { readonly members: number; readonly bids: number } | null;
  readonly result: AuctionResultJson | null;
  /** closed, and the default's waterfall has not run on the result yet */
  readonly designable: boolean;
}

/**
 * One auction for clearing-house staff. While it is open the bids are sealed from staff too:
 * only how many were received. After the close: each participant's last bid and its outcome.
 */
export function AuctionCard({ auction: a, canAct }: { auction: AuctionView; canAct: boolean }) {
  const r = a.result;
  const headingId = `auction-${a.id}`;
  return (
    <article aria-labelledby={headingId} data-auction-id={a.id} className="rounded border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="font-semibold">Auction {a.reference} · {a.category} · {a.status === "OPEN" ? "open" : "closed"}</h3>
      <dl className="mt-2 grid grid-cols-2 gap-x-8 gap-y-1 text-sm md:grid-cols-4">
        <dt className="text-slate-500">Opens</dt><dd>{formatUtc(a.opensAt)}</dd>
        <dt className="text-slate-500">Deadline</dt><dd data-testid="auction-deadline">{formatUtc(a.closesAt)}</dd>
        <dt className="text-slate-500">Portfolio performance bond</dt><dd>{formatUsd(a.portfolioPerformanceBond)}{a.parametersOf ? ` (SPAN parameters of ${a.parametersOf})` : ""}</dd>
        <dt className="text-slate-500">Portfolio</dt><dd>{a.positions.map((p) => `${p.contract} ${p.quantity}`).join(", ")}</dd>
      </dl>
      <table className="mt-2 w-auto text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label={`Invited bidders ${a.reference}`}>
        <thead className="text-left text-slate-500"><tr><th className="pr-6">Member</th><th>Invited as</th></tr></thead>
        <tbody>{a.invited.map((i) => <tr key={i.code} className="border-t border-slate-200"><td className="pr-6">{i.code}</td><td>{i.mandated ? "mandated (Rule 914)" : "voluntary"}</td></tr>)}</tbody>
      </table>
      {a.status === "OPEN" ? (
        <div className="mt-3 space-y-1 text-sm">
          <p data-testid="bids-received">
            <span className="font-semibold">Members bidding: {a.bidding?.members ?? 0}</span>
            {a.bidding && a.bidding.bids > a.bidding.members ? ` (${a.bidding.bids} bids received; a member's latest bid replaces its earlier ones)` : ""}
          </p>
          <p className="text-slate-600">
            Bids are sealed until the close, from clearing-house staff too: neither the amounts nor which member bid are shown. Bidding stops at the deadline, {formatUtc(a.closesAt)}, by the clearing house&apos;s clock; the auction then closes by itself and the result appears here.
          </p>
          {canAct ? <CloseAuctionForm auctionId={a.id} reference={a.reference} /> : null}
        </div>
      ) : r ? (
        <div className="mt-3 space-y-2 text-sm">
          <p>
            Closed {a.closedAt ? formatUtc(a.closedAt) : ""}{a.closeReason && a.closeReason !== "deadline" ? ` early: ${a.closeReason}` : " at the deadline"}. {r.totalBids} bid(s) received.{" "}
            {r.winningBid === null ? "No bid: no winner." : `Winning bid ${formatUsd(r.winningBid)} by ${r.winners.map((w) => w.firmCode ?? w.firmId).join(", ")}${r.designatedWinners ? " (designated)" : ""}.`}
          </p>
          {r.designation ? (
            <p data-testid="designation">
              Winners designated by the clearing house at {formatUtc(new Date(r.designation.at))}: {r.designation.reason} (the best bid had gone to {r.designation.previousWinners.map((w) => w.firmCode ?? w.firmId).join(", ") || "no one"}).
            </p>
          ) : null}
          <p>
            Competitive threshold: a bid less than {formatUsd(r.competitiveThreshold)} (half the portfolio&apos;s performance bond of {formatUsd(r.portfolioPerformanceBond)}) from the winning bid is competitive. Each contribution is classified up to the cap, min(own guaranty fund requirement, the defaulter&apos;s {formatUsd(r.defaulterGfRequirement)}).
          </p>
          <table className="w-full [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label={`Auction results ${a.reference}`}>
            <thead className="text-left text-slate-500">
              <tr><th>Member</th><th>Invited as</th><th className="text-right">Last bid</th><th className="text-right">Bids</th><th>Outcome</th><th className="text-right">From winning bid</th><th className="text-right">Contribution</th><th className="text-right">Cap</th><th className="text-right">Seniorized</th><th className="text-right">Maintained</th><th className="text-right">Subordinated</th></tr>
            </thead>
            <tbody>
              {r.participants.map((p) => (
                <tr key={p.firmId} className="border-t border-slate-200">
                  <td>{p.firmCode ?? p.firmId}</td><td>{p.mandated ? "mandated" : "voluntary"}</td>
                  <td className="text-right">{p.bid === null ? "no bid" : formatUsd(p.bid)}</td><td className="text-right">{p.bidsSubmitted}</td>
                  <td>{OUTCOME_LABELS[p.outcome] ?? p.outcome}</td><td className="text-right">{p.distanceFromWinningBid === null ? "" : formatUsd(p.distanceFromWinningBid)}</td>
                  <td className="text-right">{formatUsd(p.contribution)}</td><td className="text-right">{formatUsd(p.cap)}</td>
                  <td className="text-right">{formatUsd(p.seniorized)}</td><td className="text-right">{formatUsd(p.maintained)}</td><td className="text-right">{formatUsd(p.subordinated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-xs text-slate-600">{r.rule}.</p>
          {canAct && a.designable && r.participants.some((p) => p.bid !== null) ? (
            <DesignateWinnersForm auctionId={a.id} reference={a.reference} bidders={r.participants.filter((p) => p.bid !== null).map((p) => ({ firmId: p.firmId, label: `${p.firmCode ?? p.firmId}: ${formatUsd(p.bid!)}` }))} winners={r.winners.map((w) => w.firmId)} />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
