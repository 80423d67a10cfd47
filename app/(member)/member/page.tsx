import { requirePage } from "@/lib/auth/authorize";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { ownFirm, recentFirmActivity } from "@/lib/server/firms/queries";
import { formatUtc } from "@/components/format";
import Link from "next/link";
import { unacknowledgedNotices } from "@/lib/server/guaranty-fund/queries";
import { NOTICE_KIND_LABELS } from "@/lib/server/guaranty-fund/notices";
import { isoOf } from "@/lib/shared/dates";
import { formatUsd } from "@/lib/shared/money";
import { memberDefaultAlerts } from "@/lib/server/default-management/member-queries";

export default async function MemberHome() {
  const actor = await requirePage("member.read", "/member");
  const firm = await ownFirm(actor.firmId!);
  const activity = await recentFirmActivity(firm.id);
  const notices = await unacknowledgedNotices(firm.id);
  const alerts = await memberDefaultAlerts(firm.id);
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">{firm.legalName}</h1>
        <p className="text-slate-600">
          Clearing member {firm.code} · {firm.legalForm}, {firm.jurisdiction} · status <strong>{firm.status.toLowerCase().replace("_", " ")}</strong>
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-x-8 gap-y-2 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Exchanges</dt>
          <dd>{firm.exchanges.join(", ")}</dd>
          <dt className="text-slate-500">Bank</dt>
          <dd>{firm.isBank ? "Yes" : "No"}</dd>
          <dt className="text-slate-500">FCM (clears for customers)</dt>
          <dd>{firm.isFcm ? "Yes" : "No"}</dd>
          <dt className="text-slate-500">Clears OTC</dt>
          <dd>{firm.clearsOtc ? [firm.clearsAgriculturalOtc && "agricultural", firm.clearsOtherBaseOtc && "other Base OTC", firm.clearsIrs && "IRS", firm.clearsCds && "CDS"].filter(Boolean).join(", ") || "Yes" : "No"}</dd>
          {firm.hedgeFundRole !== "NONE" ? (
            <>
              <dt className="text-slate-500">Hedge fund</dt>
              <dd>{firm.hedgeFundRole === "FUND" ? "Hedge fund" : "Hedge fund investment manager"}</dd>
            </>
          ) : null}
          {firm.guaranteesNymexFloorMembers ? (
            <>
              <dt className="text-slate-500">NYMEX floor members</dt>
              <dd>Guaranteed (Rule 992)</dd>
            </>
          ) : null}
        </dl>
      </section>
      {notices.length > 0 ? (
        <section aria-labelledby="open-notices" className="rounded border border-amber-300 bg-amber-50 p-4">
          <h2 id="open-notices" className="text-lg font-semibold">Notices to acknowledge</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {notices.map((n) => (
              <li key={n.id}>
                <Link className="text-blue-800 underline" href={`/member/guaranty-fund/notices/${n.id}`}>{NOTICE_KIND_LABELS[n.kind]} dated {isoOf(n.noticeDate)}</Link>
                {" · "}{n.kind === "ASSESSMENT" ? `assessed ${formatUsd(n.amountDue)}` : `required ${formatUsd(n.required)}, on deposit ${formatUsd(n.onDeposit)}`}
                {" · "}{n.amountDue.isZero() ? "nothing due" : `${formatUsd(n.amountDue)} due ${n.dueDate ? isoOf(n.dueDate) : ""}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {alerts.defaults.length > 0 || alerts.auctions.length > 0 ? (
        <section aria-labelledby="default-alerts" className="rounded border border-red-300 bg-red-50 p-4">
          <h2 id="default-alerts" className="text-lg font-semibold">Defaults and auctions</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {alerts.defaults.map((d) => (
              <li key={d.id}>
                Notice of default: {d.firm} ({d.code}) on {isoOf(d.defaultDate)}; cooling-off period (Rule 802.H) until {isoOf(d.coolingOffEnd)}.
              </li>
            ))}
            {alerts.auctions.map((a) => (
              <li key={a.id}>
                <Link className="text-blue-800 underline" href={`/member/default-management/auctions/${a.id}`}>Auction {a.reference}</Link> ({a.category.code}, {a.mandated ? "mandated: your firm is required to bid" : "voluntary"}) closes {formatUtc(a.closesAt)}.
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Your firm&apos;s users</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Name</th><th>Email</th><th>Role</th></tr></thead>
          <tbody>
            {firm.users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200"><td>{u.name}</td><td>{u.email}</td><td>{ROLE_LABELS[u.role]}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Recent activity</h2>
        {activity.length === 0 ? <p className="text-sm text-slate-600">No recorded activity yet.</p> : (
          <ul className="mt-2 space-y-1 text-sm">
            {activity.map((a) => (
              <li key={a.id.toString()}>{formatUtc(a.at)} · {a.actorEmail ?? "system"} · {a.action}{a.outcome !== "ok" ? ` (${a.outcome})` : ""}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
