import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { formatDate } from "@/components/filings/format";
import { ExemptionForm } from "@/components/default-management/member/ExemptionForm";
import { GROUND_OPTIONS, memberDefaultManagement, type AuctionPhase } from "@/lib/server/default-management/member-queries";

export const dynamic = "force-dynamic";

const PHASE: Record<AuctionPhase, string> = {
  scheduled: "not yet open",
  open: "open",
  closing: "deadline passed, closing",
  closed: "closed",
};

const EXEMPTION_STATUS: Record<string, string> = { PENDING: "being reviewed", GRANTED: "granted", DENIED: "denied" };

export default async function MemberDefaultManagement() {
  const actor = await requirePage("member.read", "/member/default-management");
  const admin = can(actor, "member.riskAdmin");
  const d = await memberDefaultManagement(actor.firmId!);
  const mandated = d.mandates.filter((m) => m.mandated);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Auctions &amp; defaults</h1>
        <p className="text-slate-600">
          Default notices, your firm&apos;s obligations as a mandated bidder (Rule 914), the auctions it is invited to, and the{" "}
          <Link className="text-blue-800 underline" href="/member/default-management/simulator">waterfall simulator</Link>.
        </p>
      </div>

      <section aria-labelledby="defaults">
        <h2 id="defaults" className="text-lg font-semibold">Defaults posted</h2>
        <p className="text-sm text-slate-600">Every default the clearing house declares is posted to every member (Rule 802). Each default is managed separately.</p>
        {d.defaults.length === 0 ? <p className="mt-2 text-sm">No member has been declared in default.</p> : (
          <table className="[&_td]:pr-3 [&_th]:pr-3 mt-2 w-full text-sm" aria-label="Defaults posted">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th>Default date</th><th>Declared</th><th>Reason</th><th>Cooling-off period (Rule 802.H)</th></tr></thead>
            <tbody>
              {d.defaults.map((x) => (
                <tr key={x.id} className="border-t border-slate-200 align-top">
                  <td>{x.firmCode} · {x.firmName}{x.ownFirm ? " (your firm)" : ""}</td><td>{formatDate(x.defaultDate)}</td><td>{formatUtc(x.declaredAt)}</td>
                  <td>{x.reason}</td><td>{formatDate(x.coolingOffStart)} to {formatDate(x.coolingOffEnd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="mandates">
        <h2 id="mandates" className="text-lg font-semibold">Mandated categories and drills</h2>
        {mandated.length === 0 ? (
          <p className="mt-2 text-sm">Your firm is not currently a mandated bidder in any Base Product Category.</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm" aria-label="Categories your firm is mandated in">
            {mandated.map((m) => (
              <li key={m.categoryId} className="rounded border border-amber-300 bg-amber-50 p-3">
                <p className="font-semibold">{m.code} · {m.name} ({m.productCodes.join(", ")})</p>
                <p>Why: {m.reason ?? "selected by the clearing house"}.</p>
                <p>Notified {m.notifiedAt ? formatUtc(m.notifiedAt) : "-"}. Your firm is required to bid in this category&apos;s default auctions.</p>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm">
          Mandated members also take part in the clearing house&apos;s default management drills (Rule 914). The clearing house arranges the drills with you directly; none is scheduled in the portal.
        </p>
        {d.mandates.length === 0 ? <p className="mt-2 text-sm">No Base Product Category has been set up yet.</p> : (
          <table className="[&_td]:pr-3 [&_th]:pr-3 mt-3 w-full text-sm" aria-label="Your status by category">
            <thead className="text-left text-slate-500"><tr><th>Category</th><th>Products</th><th>Your status</th><th>Reason</th><th>Selection notified</th></tr></thead>
            <tbody>
              {d.mandates.map((m) => (
                <tr key={m.categoryId} className="border-t border-slate-200 align-top">
                  <td>{m.code} · {m.name}</td><td>{m.productCodes.join(", ")}</td><td>{m.statusLabel}</td><td>{m.reason ?? ""}</td><td>{m.notifiedAt ? formatUtc(m.notifiedAt) : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="exemptions" className="space-y-3">
        <h2 id="exemptions" className="text-lg font-semibold">Exemptions from mandated bidding</h2>
        <p className="text-sm text-slate-600">
          A mandated member may ask to be exempted on one of four grounds (Rule 914): (i) it does not trade the products or product types, (ii) its open interest is not
          proportionate to the defaulter&apos;s portfolio, (iii) it has no active trading desk, (iv) other operational reasons. The request needs evidence.
        </p>
        {admin ? (
          <ExemptionForm categories={d.mandates.map((m) => ({ id: m.categoryId, code: m.code, name: m.name, mandated: m.mandated }))} grounds={GROUND_OPTIONS} />
        ) : (
          <p className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">Only your firm&apos;s risk administrators may request an exemption: it commits the firm. You can follow your firm&apos;s requests below.</p>
        )}
        {d.exemptions.length === 0 ? <p className="text-sm">Your firm has made no exemption request.</p> : (
          <table className="[&_td]:pr-3 [&_th]:pr-3 w-full text-sm" aria-label="Your exemption requests">
            <thead className="text-left text-slate-500"><tr><th>Category</th><th>Ground</th><th>Evidence</th><th>Requested</th><th>Status</th><th>Decision</th></tr></thead>
            <tbody>
              {d.exemptions.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top">
                  <td>{e.category}</td><td>{e.ground}</td><td>{e.evidence}</td><td>{formatUtc(e.requestedAt)}</td><td>{EXEMPTION_STATUS[e.status] ?? e.status}</td>
                  <td>{e.decidedAt ? `${formatUtc(e.decidedAt)}: ${e.decisionNote ?? ""}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="auctions">
        <h2 id="auctions" className="text-lg font-semibold">Auctions</h2>
        <p className="text-sm text-slate-600">Auctions of a defaulter&apos;s portfolio your firm is invited to, as a mandated or a voluntary bidder. Bids are sealed: no member sees another&apos;s.</p>
        {d.auctions.length === 0 ? <p className="mt-2 text-sm">Your firm has not been invited to any auction.</p> : (
          <table className="[&_td]:pr-3 [&_th]:pr-3 mt-2 w-full text-sm" aria-label="Auctions">
            <thead className="text-left text-slate-500"><tr><th>Auction</th><th>Portfolio of</th><th>Category</th><th>Invited as</th><th>Deadline</th><th>Status</th><th className="text-right">Your bids</th></tr></thead>
            <tbody>
              {d.auctions.map((a) => (
                <tr key={a.id} className="border-t border-slate-200">
                  <td><Link className="text-blue-800 underline" href={`/member/default-management/auctions/${a.id}`}>{a.reference}</Link></td>
                  <td>{a.defaulter}</td><td>{a.category}</td><td>{a.mandated ? "mandated bidder (required to bid)" : "voluntary bidder"}</td>
                  <td>{formatUtc(a.closesAt)}</td><td>{PHASE[a.phase]}</td><td className="text-right">{a.ownBids}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
