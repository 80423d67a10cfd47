import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
import { formatDate } from "@/components/filings/format";
import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";
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
        <Table
          caption="Defaults posted"
          columns={[
            { key: "member", header: "Member", cell: (x) => `${x.firmCode} · ${x.firmName}${x.ownFirm ? " (your firm)" : ""}` },
            { key: "date", header: "Default date", cell: (x) => formatDate(x.defaultDate) },
            { key: "declared", header: "Declared", cell: (x) => <DateTime value={x.declaredAt} /> },
            { key: "reason", header: "Reason", cell: (x) => x.reason },
            { key: "cooling", header: "Cooling-off period (Rule 802.H)", cell: (x) => `${formatDate(x.coolingOffStart)} to ${formatDate(x.coolingOffEnd)}` },
          ]}
          rows={d.defaults}
          rowKey={(x) => x.id}
          empty="No member has been declared in default."
        />
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
        <Table
          caption="Your status by category"
          className="mt-3"
          columns={[
            { key: "category", header: "Category", cell: (m) => `${m.code} · ${m.name}` },
            { key: "products", header: "Products", cell: (m) => m.productCodes.join(", ") },
            { key: "status", header: "Your status", cell: (m) => m.statusLabel },
            { key: "reason", header: "Reason", cell: (m) => m.reason ?? "" },
            { key: "notified", header: "Selection notified", cell: (m) => (m.notifiedAt ? <DateTime value={m.notifiedAt} /> : "-") },
          ]}
          rows={d.mandates}
          rowKey={(m) => m.categoryId}
          empty="No Base Product Category has been set up yet."
        />
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
        <Table
          caption="Your exemption requests"
          columns={[
            { key: "category", header: "Category", cell: (e) => e.category },
            { key: "ground", header: "Ground", cell: (e) => e.ground },
            { key: "evidence", header: "Evidence", cell: (e) => e.evidence },
            { key: "requested", header: "Requested", cell: (e) => <DateTime value={e.requestedAt} /> },
            { key: "status", header: "Status", cell: (e) => EXEMPTION_STATUS[e.status] ?? e.status },
            { key: "decision", header: "Decision", cell: (e) => (e.decidedAt ? <><DateTime value={e.decidedAt} />: {e.decisionNote ?? ""}</> : "") },
          ]}
          rows={d.exemptions}
          rowKey={(e) => e.id}
          empty="Your firm has made no exemption request."
        />
      </section>

      <section aria-labelledby="auctions">
        <h2 id="auctions" className="text-lg font-semibold">Auctions</h2>
        <p className="text-sm text-slate-600">Auctions of a defaulter&apos;s portfolio your firm is invited to, as a mandated or a voluntary bidder. Bids are sealed: no member sees another&apos;s.</p>
        <Table
          caption="Auctions"
          columns={[
            { key: "auction", header: "Auction", cell: (a) => <Link className="text-blue-800 underline" href={`/member/default-management/auctions/${a.id}`}>{a.reference}</Link> },
            { key: "defaulter", header: "Portfolio of", cell: (a) => a.defaulter },
            { key: "category", header: "Category", cell: (a) => a.category },
            { key: "invited", header: "Invited as", cell: (a) => (a.mandated ? "mandated bidder (required to bid)" : "voluntary bidder") },
            { key: "deadline", header: "Deadline", cell: (a) => <DateTime value={a.closesAt} /> },
            { key: "status", header: "Status", cell: (a) => PHASE[a.phase] },
            { key: "bids", header: "Your bids", numeric: true, cell: (a) => a.ownBids },
          ]}
          rows={d.auctions}
          rowKey={(a) => a.id}
          empty="Your firm has not been invited to any auction."
        />
      </section>
    </div>
  );
}
