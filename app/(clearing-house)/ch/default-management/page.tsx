import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatDay, formatUsd, formatUtc } from "@/components/format";
import { CategoryEditor } from "@/components/default-management/ch/CategoryEditor";
import { DeclareDefaultForm } from "@/components/default-management/ch/DeclareDefaultForm";
import { ExemptionDecisionForm } from "@/components/default-management/ch/ExemptionDecisionForm";
import { MandatePreviewForm, NotifyMandateButton } from "@/components/default-management/ch/MandateForms";
import { chDefaultManagement } from "@/lib/server/default-management/ch-queries";

export const dynamic = "force-dynamic";

const STATUS_LABELS: Record<string, string> = {
  mandated: "mandated",
  "not-selected": "not selected",
  "not-capable": "not capable",
  "not-proportional": "not proportional",
  exempt: "exempt",
  "not-eligible": "not eligible",
};

export default async function ChDefaultManagement() {
  const actor = await requirePage("ch.read", "/ch/default-management");
  const risk = can(actor, "ch.risk");
  const dm = await chDefaultManagement();
  const firmChoices = dm.activeFirms.map((f) => ({ id: f.id, code: f.code, legalName: f.legalName }));
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">Default management</h1>

      <section aria-labelledby="categories" className="space-y-3">
        <h2 id="categories" className="text-lg font-semibold">Base Product Categories</h2>
        <p className="text-sm text-slate-600">The products auctioned together when a member defaults (Rule 914); each category has its own mandated bidders.</p>
        <CategoryEditor categories={dm.categories.map((c) => ({ id: c.category.id, code: c.category.code, name: c.category.name, description: c.category.description, productCodes: c.category.productCodes }))} canEdit={risk} />
      </section>

      <section aria-labelledby="mandated" className="space-y-4">
        <h2 id="mandated" className="text-lg font-semibold">Mandated bidders</h2>
        <p className="text-sm text-slate-600">
          Rule 914: per category, among members with open interest in the category in their proprietary account during the preceding six months, ranked by relative performance bond and relative intraday volume in that account, less those not assessed as capable or exempted. The selection is reviewed at least semi-annually; mandated members also take part in default management drills.
        </p>
        {dm.categories.map(({ category, latest, roster }) => {
          const headingId = `mandate-${category.code}`;
          return (
            <section key={category.id} aria-labelledby={headingId} className="space-y-2 rounded border border-slate-200 p-4">
              <h3 id={headingId} className="font-semibold">{category.code} · {category.name}</h3>
              {roster ? (
                <div className="text-sm" data-testid={`roster-${category.code}`}>
                  <p>
                    Current roster: {roster.mandated.length === 0 ? "no member mandated" : roster.mandated.map((m) => `${m.code}${m.status !== "ACTIVE" ? ` (${m.status.toLowerCase().replace("_", " ")})` : m.exemptSince ? " (exempted since)" : ""}`).join(", ")}; notified {formatUtc(roster.notifiedAt)}.
                  </p>
                  <p className={roster.reviewDue ? "font-semibold text-red-700" : "text-slate-600"}>
                    Last notified selection {formatDay(roster.notifiedAt)}: {roster.reviewDue ? "older than six months, review due (Rule 914: at least semi-annually)." : "reviewed within the last six months."}
                  </p>
                </div>
              ) : (
                <p className="text-sm font-semibold text-red-700" data-testid={`roster-${category.code}`}>No selection has been notified for {category.code}: there are no mandated bidders, and a review is due.</p>
              )}
              {risk ? <MandatePreviewForm categoryId={category.id} categoryCode={category.code} firms={firmChoices} mandatedCount={latest?.mandatedCount ?? 2} notCapable={latest?.notCapable ?? []} /> : null}
              {latest ? (
                <div className="space-y-2">
                  <p className="text-sm">
                    Latest selection, run {formatUtc(latest.createdAt)}: {latest.status === "PREVIEW" ? "preview, not notified." : `notified ${formatUtc(latest.notifiedAt!)}.`} {latest.mandatedCount} mandated place(s).
                  </p>
                  <table className="w-full text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label={`Mandated bidder selection ${category.code}`}>
                    <thead className="text-left text-slate-500">
                      <tr><th>Member</th><th>Status</th><th className="text-right">Rank</th><th className="text-right">Relative PB</th><th className="text-right">Relative volume</th><th className="text-right">Score</th><th>Reason</th></tr>
                    </thead>
                    <tbody>
                      {latest.members.map((m) => (
                        <tr key={m.firmId} className="border-t border-slate-200">
                          <td>{m.firmCode}</td><td className={m.status === "mandated" ? "font-semibold" : ""}>{STATUS_LABELS[m.status] ?? m.status}</td>
                          <td className="text-right">{m.rank ?? ""}</td><td className="text-right">{m.relativePerformanceBond}</td><td className="text-right">{m.relativeVolume}</td><td className="text-right">{m.score}</td>
                          <td className="text-slate-600">{m.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {risk ? <NotifyMandateButton selectionId={latest.id} mandated={latest.members.filter((m) => m.status === "mandated").length} notified={latest.status === "NOTIFIED"} /> : null}
                </div>
              ) : <p className="text-sm">No selection has been run for {category.code}.</p>}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="exemptions" className="space-y-3">
        <h2 id="exemptions" className="text-lg font-semibold">Exemption requests</h2>
        <p className="text-sm text-slate-600">A mandated member may ask to be exempted on one of the four grounds of Rule 914, with evidence. A granted request takes the member off the roster of the category.</p>
        {dm.pendingExemptions.length === 0 ? <p className="text-sm">No request is waiting for a decision.</p> : (
          <table className="w-full text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Pending exemption requests">
            <thead className="text-left text-slate-500"><tr><th>Firm</th><th>Category</th><th>Ground</th><th>Explanation</th><th>Evidence</th><th>Requested</th>{risk ? <th>Decision</th> : null}</tr></thead>
            <tbody>
              {dm.pendingExemptions.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top">
                  <td>{e.firm}</td><td>{e.category}</td><td>{e.ground}</td><td className="max-w-md whitespace-pre-wrap">{e.explanation}</td>
                  <td><a className="text-blue-800 underline" href={`/api/files/${e.evidence.id}`}>{e.evidence.name}</a></td>
                  <td>{formatUtc(e.requestedAt)}<br /><span className="text-slate-600">{e.requestedBy}</span></td>
                  {risk ? <td><ExemptionDecisionForm exemptionId={e.id} label={`${e.firm} ${e.category}`} /></td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {dm.decidedExemptions.length === 0 ? null : (
          <table className="w-full text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Decided exemption requests">
            <thead className="text-left text-slate-500"><tr><th>Firm</th><th>Category</th><th>Ground</th><th>Explanation</th><th>Evidence</th><th>Decision</th><th>Note</th><th>Decided</th></tr></thead>
            <tbody>
              {dm.decidedExemptions.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top">
                  <td>{e.firm}</td><td>{e.category}</td><td>{e.ground}</td><td className="max-w-md whitespace-pre-wrap">{e.explanation}</td>
                  <td><a className="text-blue-800 underline" href={`/api/files/${e.evidence.id}`}>{e.evidence.name}</a></td>
                  <td className={e.status === "GRANTED" ? "text-green-800" : "text-red-700"}>{e.status === "GRANTED" ? "granted" : "denied"}</td>
                  <td className="max-w-sm whitespace-pre-wrap">{e.note}</td>
                  <td>{e.decidedAt ? formatUtc(e.decidedAt) : ""}<br /><span className="text-slate-600">{e.decidedBy}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="defaults" className="space-y-3">
        <h2 id="defaults" className="text-lg font-semibold">Defaults</h2>
        {risk ? <DeclareDefaultForm firms={firmChoices} /> : null}
        {dm.defaults.length === 0 ? <p className="text-sm">No member has been declared in default.</p> : (
          <table className="w-full text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Defaults">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th>Default date</th><th>Reason</th><th>Cooling-off period</th><th className="text-right">Auctions</th><th>Waterfall</th></tr></thead>
            <tbody>
              {dm.defaults.map((d) => (
                <tr key={d.id} className="border-t border-slate-200 align-top">
                  <td><Link className="text-blue-800 underline" href={`/ch/default-management/defaults/${d.id}`}>{d.firm}</Link> · {d.firmName}</td>
                  <td>{formatDay(d.defaultDate)}</td><td className="max-w-md">{d.reason}</td>
                  <td>{formatDay(d.coolingOffStart)} to {formatDay(d.coolingOffEnd)}</td>
                  <td className="text-right">{d.auctions}{d.openAuctions ? ` (${d.openAuctions} open)` : ""}</td>
                  <td>{d.waterfall ? `run ${formatDay(d.waterfall.ranAt)}, uncovered ${formatUsd(d.waterfall.uncovered)}, ${d.waterfall.notices} notice(s)` : d.openAuctions ? "waiting for the auctions to close" : "not run"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
