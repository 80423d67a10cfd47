import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { formatUtc } from "@/components/format";
import { memberHistory, memberNotices, isOverdue } from "@/lib/server/guaranty-fund/queries";
import { isoOf, NOTICE_KIND_LABELS, usd } from "@/lib/server/guaranty-fund/notices";

export const dynamic = "force-dynamic";

export default async function MemberGuarantyFund() {
  const actor = await requirePage("member.read", "/member/guaranty-fund");
  const [notices, history] = await Promise.all([memberNotices(actor.firmId!), memberHistory(actor.firmId!)]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Guaranty fund</h1>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 text-sm md:grid-cols-4">
        <dt className="text-slate-500">Current requirement</dt><dd>{history.current ? usd(history.current) : "none issued yet"}</dd>
        <dt className="text-slate-500">On deposit</dt><dd>{usd(history.balance)}</dd>
      </dl>
      <section aria-labelledby="notices">
        <h2 id="notices" className="text-lg font-semibold">Notices</h2>
        {notices.length === 0 ? <p className="text-sm">No notices yet.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Notices">
            <thead className="text-left text-slate-500"><tr><th>Notice</th><th>Dated</th><th className="text-right">Required</th><th className="text-right">Due</th><th>Due date</th><th>Status</th><th>Acknowledged</th></tr></thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.id} className="border-t border-slate-200">
                  <td><Link className="text-blue-800 underline" href={`/member/guaranty-fund/notices/${n.id}`}>{NOTICE_KIND_LABELS[n.kind]}</Link></td><td>{isoOf(n.noticeDate)}</td>
                  <td className="text-right">{usd(n.required)}</td><td className="text-right">{n.amountDue.isZero() ? "nothing" : usd(n.amountDue)}</td><td>{n.dueDate ? isoOf(n.dueDate) : ""}</td>
                  <td>{n.settledAt ? "met" : n.supersededAt ? "superseded" : isOverdue(n) ? "overdue" : "open"}</td><td>{n.acknowledgedAt ? formatUtc(n.acknowledgedAt) : "not yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="requirement-history">
        <h2 id="requirement-history" className="text-lg font-semibold">Requirement history</h2>
        {history.requirements.length === 0 ? <p className="text-sm">None yet.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Requirement history">
            <thead className="text-left text-slate-500"><tr><th>From</th><th>Notice</th><th className="text-right">Requirement</th></tr></thead>
            <tbody>{history.requirements.map((n) => <tr key={n.id} className="border-t border-slate-200"><td>{isoOf(n.noticeDate)}</td><td>{NOTICE_KIND_LABELS[n.kind]}</td><td className="text-right">{usd(n.required)}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="deposit-history">
        <h2 id="deposit-history" className="text-lg font-semibold">Deposits and withdrawals</h2>
        {history.movements.length === 0 ? <p className="text-sm">None recorded.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Deposits and withdrawals">
            <thead className="text-left text-slate-500"><tr><th>Value date</th><th>Movement</th><th className="text-right">Amount</th><th className="text-right">Balance</th><th>Reference</th></tr></thead>
            <tbody>{history.movements.map((m) => <tr key={m.id} className="border-t border-slate-200"><td>{isoOf(m.valueDate)}</td><td>{m.kind.toLowerCase()}</td><td className="text-right">{usd(m.amount)}</td><td className="text-right">{usd(m.balance)}</td><td>{m.reference}</td></tr>)}</tbody>
          </table>
        )}
      </section>
    </div>
  );
}
