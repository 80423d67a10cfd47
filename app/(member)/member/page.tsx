import Link from "next/link";
import type { ReactNode } from "react";
import { requirePage } from "@/lib/auth/authorize";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { ownFirm, recentFirmActivity } from "@/lib/server/firms/queries";
import { memberObligations, NEAR_LIMIT_PERCENT } from "@/lib/server/home/obligations";
import { isoOf } from "@/lib/shared/dates";
import { auditActionLabel, AUDIT_OUTCOME_LABELS, enumLabel, FIRM_STATUS_LABELS, NOTICE_KIND_LABELS } from "@/lib/shared/labels";
import { formatMoney, formatUtc } from "@/components/ui/format";
import { DateTime, Money } from "@/components/ui/Money";
import { Table } from "@/components/ui/Table";
import { D } from "@/lib/risk";

const link = "text-blue-800 underline";

function Obligation({ title, href, action, children }: { readonly title: string; readonly href: string; readonly action: string; readonly children: ReactNode }) {
  return (
    <li className="rounded border border-slate-200 bg-white p-3">
      <p className="font-medium">{title}</p>
      <div className="mt-1 text-sm text-slate-700">{children}</div>
      <Link className={`mt-1 inline-block text-sm ${link}`} href={href}>{action}</Link>
    </li>
  );
}

/** The change from the previous cycle: "+$1,000.00 since 2026-11-19 cycle 1". */
function Trend({ now, before, label }: { readonly now: string; readonly before: string | undefined; readonly label: string | undefined }) {
  if (before === undefined || label === undefined) return <span className="text-slate-500">no previous cycle</span>;
  const change = new D(now).minus(before);
  if (change.isZero()) return <span className="text-slate-500">unchanged since {label}</span>;
  const text = formatMoney(change.abs().toFixed(2));
  return <span className="text-slate-600">{change.isNegative() ? "−" : "+"}{text} since {label}</span>;
}

export default async function MemberHome() {
  const actor = await requirePage("member.read", "/member");
  const [firm, activity, o] = await Promise.all([ownFirm(actor.firmId!), recentFirmActivity(actor.firmId!), memberObligations(actor.firmId!)]);
  const base = o.funds.find((f) => f.fund === "base") ?? null;
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">{firm.legalName}</h1>
        <p className="text-slate-600">
          Clearing member {firm.code} · {firm.legalForm}, {firm.jurisdiction} · status <strong>{enumLabel(FIRM_STATUS_LABELS, firm.status).toLowerCase()}</strong>
        </p>
      </section>

      <section aria-labelledby="due" className="space-y-3">
        <h2 id="due" className="text-lg font-semibold">What is due</h2>
        {o.count === 0 ? (
          <div className="rounded border border-green-300 bg-green-50 p-4 text-sm" data-testid="nothing-due">
            <p className="font-medium">Nothing is due.</p>
            <p className="mt-1 text-slate-700">
              This list shows, when they arise: a performance bond call from a settlement cycle, a guaranty fund deposit or
              assessment to pay, financial reports due or late, notices to acknowledge, open auctions your firm is invited to,
              defaults in their cooling-off period, and credit limits at {NEAR_LIMIT_PERCENT}% of their limit or more.
            </p>
          </div>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2" aria-label="Obligations">
            {o.marginCall ? (
              <Obligation title="Performance bond call" href={`/member/statements`} action="See the margin statements">
                <Money value={o.marginCall.amount} /> called in the {o.marginCall.label} settlement cycle, due at that cycle&apos;s settlement ({o.marginCall.due}), debited from your settlement bank.
              </Obligation>
            ) : null}
            {o.fundsDue.map((f) => (
              <Obligation key={f.fund} title={`${f.name}: deposit due`} href="/member/guaranty-fund" action="Open the guaranty fund">
                Required <Money value={f.required} />, on deposit <Money value={f.onDeposit} />: <strong><Money value={f.amountDue} /></strong> due {f.dueDate ? isoOf(f.dueDate) : "(date not set)"} ({f.rule}).
              </Obligation>
            ))}
            {o.reports.map((r) => (
              <Obligation key={`${r.kind}-${r.periodEnd}`} title={`${r.kindLabel} for ${r.periodEnd}${r.status === "missing" ? ": late" : ""}`} href="/member/filings/new" action="File the report">
                {r.status === "missing" ? <strong className="text-red-800">Was due {r.dueDate}; not filed.</strong> : r.dueDate ? `Due ${r.dueDate}.` : "Due five days after its filing with your banking regulator."}
              </Obligation>
            ))}
            {o.limits.map((l) => (
              <Obligation key={`${l.groupingId}-${l.derivative}`} title={`Credit limit ${l.breached ? "breached" : "near breach"}: ${l.key}`} href={`/member/credit-controls/groupings/${l.groupingId}`} action="Open the grouping">
                {l.derivative === "futures" ? "Futures" : "Options"} utilization <Money value={l.amount} /> of a limit of <Money value={l.limit} />{l.percent !== null ? ` (${l.percent}%)` : ""}.
              </Obligation>
            ))}
            {o.openCases.map((c) => (
              <Obligation key={c.id} title="Open surveillance case" href={`/member/filings/${c.filingId}`} action="Open the report">
                {c.reason} (opened {formatUtc(c.openedAt)}).
              </Obligation>
            ))}
          </ul>
        )}
        {o.notices.length > 0 ? (
          <section aria-labelledby="open-notices" className="rounded border border-amber-300 bg-amber-50 p-4">
            <h3 id="open-notices" className="font-semibold">Notices to acknowledge</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {o.notices.map((n) => (
                <li key={n.id}>
                  <Link className={link} href={`/member/guaranty-fund/notices/${n.id}`}>{NOTICE_KIND_LABELS[n.kind]} dated {isoOf(n.noticeDate)}</Link>
                  {" · "}{n.kind === "ASSESSMENT" ? `assessed ${formatMoney(n.amountDue)}` : `required ${formatMoney(n.required)}, on deposit ${formatMoney(n.onDeposit)}`}
                  {" · "}{n.amountDue.isZero() ? "nothing due" : `${formatMoney(n.amountDue)} due ${n.dueDate ? isoOf(n.dueDate) : ""}`}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {o.defaults.length > 0 || o.auctions.length > 0 ? (
          <section aria-labelledby="default-alerts" className="rounded border border-red-300 bg-red-50 p-4">
            <h3 id="default-alerts" className="font-semibold">Defaults and auctions</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {o.defaults.map((d) => (
                <li key={d.id}>
                  Notice of default: {d.firm} ({d.code}) on {isoOf(d.defaultDate)}; cooling-off period (Rule 802.H) until {isoOf(d.coolingOffEnd)}.
                </li>
              ))}
              {o.auctions.map((a) => (
                <li key={a.id}>
                  <Link className={link} href={`/member/default-management/auctions/${a.id}`}>Auction {a.reference}</Link> ({a.category.code}, {a.mandated ? "mandated: your firm is required to bid" : "voluntary"}) closes {formatUtc(a.closesAt)}.
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="figures">
        <h2 id="figures" className="text-lg font-semibold">Latest figures</h2>
        {o.latest ? (
          <>
            <p className="text-sm text-slate-600">Summed over your accounts, {o.latest.label} settlement cycle{o.previous ? `, against ${o.previous.label}` : ""}.</p>
            <dl className="mt-2 grid gap-4 text-sm md:grid-cols-4" aria-label="Latest margin figures">
              {([
                ["Maintenance requirement", o.latest.maintenance, o.previous?.maintenance],
                ["Collateral (after haircut)", o.latest.collateral, o.previous?.collateral],
                ["Excess (deficit)", o.latest.excess, o.previous?.excess],
                ["Performance bond call", o.latest.call, o.previous?.call],
              ] as const).map(([label, now, before]) => (
                <div key={label} className="rounded border border-slate-200 bg-white p-3">
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="text-lg font-semibold"><Money value={now} /></dd>
                  <dd className="text-xs"><Trend now={now} before={before} label={o.previous?.label} /></dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p className="text-sm text-slate-600">No margin statement yet: your requirement, collateral and excess appear here after the clearing house runs a settlement cycle with your positions.</p>
        )}
        {base ? (
          <p className="mt-2 text-sm">
            Base guaranty fund: required {base.required ? <Money value={base.required} /> : "none set yet"}, on deposit <Money value={base.onDeposit} /> ({base.basis}).{" "}
            <Link className={link} href="/member/guaranty-fund">Guaranty fund</Link>
          </p>
        ) : null}
      </section>

      <section>
        <h2 className="text-lg font-semibold">Recent activity</h2>
        <Table
          caption="Recent activity"
          columns={[
            { key: "at", header: "When", cell: (a) => <DateTime value={a.at} /> },
            { key: "who", header: "Who", cell: (a) => a.actorEmail ?? "the portal" },
            { key: "what", header: "What", cell: (a) => `${auditActionLabel(a.action)}${a.outcome !== "ok" ? ` (${AUDIT_OUTCOME_LABELS[a.outcome] ?? a.outcome})` : ""}` },
          ]}
          rows={activity}
          rowKey={(a) => a.id.toString()}
          empty="No recorded activity yet: sign-ins, filings, acknowledgements and settings changes of your firm's users appear here."
        />
      </section>

      <section>
        <h2 className="text-lg font-semibold">Your firm&apos;s users</h2>
        <Table
          caption="Your firm's users"
          columns={[
            { key: "name", header: "Name", cell: (u) => u.name },
            { key: "email", header: "Email", cell: (u) => u.email },
            { key: "role", header: "Role", cell: (u) => ROLE_LABELS[u.role] },
          ]}
          rows={firm.users}
          rowKey={(u) => u.id}
          empty="No users yet."
        />
      </section>
    </div>
  );
}
