import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { DepositForm, RecalculationForm } from "@/components/guaranty-fund/GfForms";
import { formatUtc } from "@/components/format";
import { chGuarantyFund, isOverdue, latestCompletedCycle } from "@/lib/server/guaranty-fund/queries";
import { MOVEMENT_KIND_LABELS, NOTICE_KIND_LABELS, noticeRequires } from "@/lib/server/guaranty-fund/notices";
import { isoOf } from "@/lib/shared/dates";
import { formatUsd } from "@/lib/shared/money";

export const dynamic = "force-dynamic";

export default async function ChGuarantyFund({ searchParams }: { searchParams: Promise<{ on?: string }> }) {
  const actor = await requirePage("ch.read", "/ch/guaranty-fund");
  const on = (await searchParams).on;
  const gf = await chGuarantyFund(on && /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : undefined);
  const latestCycle = await latestCompletedCycle();
  const risk = can(actor, "ch.risk");
  const short = gf.positions.filter((p) => p.shortfall.greaterThan(0));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Guaranty fund</h1>

      <section aria-labelledby="overdue">
        <h2 id="overdue" className="text-lg font-semibold">Overdue notices</h2>
        <p className="text-sm text-slate-600">
          Open notices whose due date is before {gf.listOn}{gf.listOn !== gf.today ? " (looking ahead; today is " + gf.today + ")" : " (today)"}. Each notice overdue today is e-mailed to the clearing-house admins once.
        </p>
        <form method="get" className="mt-1 flex items-end gap-2 text-sm" aria-label="Overdue as of">
          <label>Overdue as of<input name="on" defaultValue={gf.listOn} className="ml-2 rounded border border-slate-300 px-2 py-1" /></label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1">Show</button>
        </form>
        {gf.overdue.length === 0 ? <p className="text-sm">No notice is overdue.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Overdue notices">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th>Notice</th><th>Dated</th><th>Due</th><th className="text-right">Amount due</th><th>Acknowledged</th><th>Escalated</th></tr></thead>
            <tbody>
              {gf.overdue.map((n) => (
                <tr key={n.id} className="border-t border-slate-200">
                  <td>{gf.firmCode(n.firmId)}</td><td>{NOTICE_KIND_LABELS[n.kind]}</td><td>{isoOf(n.noticeDate)}</td><td>{n.dueDate ? isoOf(n.dueDate) : ""}</td>
                  <td className="text-right">{formatUsd(n.amountDue)}</td><td>{n.acknowledgedAt ? `${formatUtc(n.acknowledgedAt)} by ${gf.acknowledgedByEmail(n.acknowledgedBy)}` : "No"}</td><td>{n.escalatedAt ? formatUtc(n.escalatedAt) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="positions">
        <h2 id="positions" className="text-lg font-semibold">Members: requirement and deposits</h2>
        <p className="text-sm text-slate-600">{short.length === 0 ? "No member is short." : `${short.length} member(s) short of their requirement.`}</p>
        <table className="mt-2 w-full text-sm" aria-label="Requirements and deposits">
          <thead className="text-left text-slate-500"><tr><th>Member</th><th className="text-right">Base requirement</th><th className="text-right">On deposit</th><th className="text-right">Shortfall</th><th>Due</th><th>IRS / CDS funds (separate)</th></tr></thead>
          <tbody>
            {gf.positions.map((p) => (
              <tr key={p.firmId} className="border-t border-slate-200">
                <td>{p.code} · {p.name}</td><td className="text-right">{p.required ? formatUsd(p.required) : "none issued"}</td><td className="text-right">{formatUsd(p.onDeposit)}</td>
                <td className={`text-right ${p.shortfall.greaterThan(0) ? "font-semibold text-red-700" : ""}`}>{p.shortfall.greaterThan(0) ? formatUsd(p.shortfall) : ""}</td><td>{p.dueDate && p.shortfall.greaterThan(0) ? isoOf(p.dueDate) : ""}</td>
                <td>{p.separate.map((s) => `${s.name}: ${s.required ? formatUsd(s.required) : "none set yet"}`).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="notices">
        <h2 id="notices" className="text-lg font-semibold">Notices and acknowledgements</h2>
        {gf.notices.length === 0 ? <p className="text-sm">No notices issued yet.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Notices">
            <thead className="text-left text-slate-500"><tr><th>Member</th><th>Notice</th><th>Dated</th><th className="text-right">Required</th><th className="text-right">Due</th><th>Due date</th><th>Status</th><th>Acknowledged</th></tr></thead>
            <tbody>
              {gf.notices.map((n) => (
                <tr key={n.id} className="border-t border-slate-200">
                  <td>{gf.firmCode(n.firmId)}</td><td>{NOTICE_KIND_LABELS[n.kind]}</td><td>{isoOf(n.noticeDate)}</td><td className="text-right">{formatUsd(noticeRequires(n))}</td>
                  <td className="text-right">{n.amountDue.isZero() ? "nothing" : formatUsd(n.amountDue)}</td><td>{n.dueDate ? isoOf(n.dueDate) : ""}</td>
                  <td>{n.settledAt ? "met" : n.supersededAt ? "superseded" : isOverdue(n, gf.today) ? "overdue" : "open"}</td>
                  <td>{n.acknowledgedAt ? `${formatUtc(n.acknowledgedAt)} by ${gf.acknowledgedByEmail(n.acknowledgedBy)}` : "not yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="recalculations" className="space-y-3">
        <h2 id="recalculations" className="text-lg font-semibold">Recalculations</h2>
        {risk ? <RecalculationForm defaultAsOf={latestCycle ? isoOf(latestCycle.businessDate) : gf.today} defaultNoticeDate={gf.today} /> : null}
        {gf.recalculations.length === 0 ? <p className="text-sm">None yet.</p> : (
          <ul className="text-sm">
            {gf.recalculations.map((r) => (
              <li key={r.id}>
                <Link className="text-blue-800 underline" href={`/ch/guaranty-fund/recalculations/${r.id}`}>{r.kind.toLowerCase()} as of {isoOf(r.asOf)}</Link> · aggregate {formatUsd(r.aggregate)} · {r.status === "ISSUED" ? `issued ${formatUtc(r.issuedAt!)}` : "preview, not issued"}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="deposits" className="space-y-3">
        <h2 id="deposits" className="text-lg font-semibold">Deposits and withdrawals</h2>
        {risk ? <DepositForm firms={gf.positions.map((p) => ({ code: p.code, name: p.name }))} today={gf.today} /> : null}
        {gf.deposits.length === 0 ? <p className="text-sm">None recorded.</p> : (
          <table className="w-full text-sm" aria-label="Recent deposits and withdrawals">
            <thead className="text-left text-slate-500"><tr><th>Recorded</th><th>Member</th><th>Movement</th><th className="text-right">Amount</th><th>Value date</th><th>Reference</th></tr></thead>
            <tbody>
              {gf.deposits.map((d) => (
                <tr key={d.id} className="border-t border-slate-200"><td>{formatUtc(d.recordedAt)}</td><td>{gf.firmCode(d.firmId)}</td><td>{MOVEMENT_KIND_LABELS[d.kind]}</td><td className="text-right">{formatUsd(d.amount)}</td><td>{isoOf(d.valueDate)}</td><td>{d.reference}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
