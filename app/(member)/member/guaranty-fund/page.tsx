import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { formatUtc } from "@/components/format";
import { memberFunds, memberHistory, memberNotices, isOverdue } from "@/lib/server/guaranty-fund/queries";
import { MOVEMENT_KIND_LABELS, NOTICE_KIND_LABELS, noticeRequires } from "@/lib/server/guaranty-fund/notices";
import { isoOf } from "@/lib/shared/dates";
import { formatUsd } from "@/lib/shared/money";

export const dynamic = "force-dynamic";

export default async function MemberGuarantyFund() {
  const actor = await requirePage("member.read", "/member/guaranty-fund");
  const [notices, history, funds] = await Promise.all([memberNotices(actor.firmId!), memberHistory(actor.firmId!), memberFunds(actor.firmId!)]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Guaranty fund</h1>
      <section aria-labelledby="funds">
        <h2 id="funds" className="text-lg font-semibold">Your requirements, fund by fund</h2>
        <p className="text-sm text-slate-600">Each guaranty fund your firm contributes to has its own requirement; IRS and CDS are separate funds, not part of the Base fund.</p>
        <table className="mt-2 w-full text-sm" aria-label="Guaranty funds">
          <thead className="text-left text-slate-500"><tr><th>Fund</th><th className="text-right">Current requirement</th><th className="text-right">On deposit</th><th className="text-right">Due</th><th>Due date</th><th>Basis</th></tr></thead>
          <tbody>
            {funds.map((f) => (
              <tr key={f.fund} className="border-t border-slate-200">
                <td>{f.name} ({f.rule})</td>
                <td className="text-right">{f.required ? formatUsd(f.required) : "none set yet"}</td>
                <td className="text-right">{f.onDeposit ? formatUsd(f.onDeposit) : "deposited to that fund"}</td>
                <td className="text-right">{f.amountDue ? formatUsd(f.amountDue) : "nothing"}</td>
                <td>{f.dueDate ? isoOf(f.dueDate) : ""}</td>
                <td>{f.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="notices">
        <h2 id="notices" className="text-lg font-semibold">Notices</h2>
        {notices.length === 0 ? <p className="text-sm">No notices yet.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Notices">
            <thead className="text-left text-slate-500"><tr><th>Notice</th><th>Dated</th><th className="text-right">Required</th><th className="text-right">Due</th><th>Due date</th><th>Status</th><th>Acknowledged</th></tr></thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.id} className="border-t border-slate-200">
                  <td><Link className="text-blue-800 underline" href={`/member/guaranty-fund/notices/${n.id}`}>{NOTICE_KIND_LABELS[n.kind]}</Link></td><td>{isoOf(n.noticeDate)}</td>
                  <td className="text-right">{formatUsd(noticeRequires(n))}</td><td className="text-right">{n.amountDue.isZero() ? "nothing" : formatUsd(n.amountDue)}</td><td>{n.dueDate ? isoOf(n.dueDate) : ""}</td>
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
            <tbody>{history.requirements.map((n) => <tr key={n.id} className="border-t border-slate-200"><td>{isoOf(n.noticeDate)}</td><td>{NOTICE_KIND_LABELS[n.kind]}</td><td className="text-right">{formatUsd(n.required)}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="deposit-history">
        <h2 id="deposit-history" className="text-lg font-semibold">Deposits and withdrawals</h2>
        {history.movements.length === 0 ? <p className="text-sm">None recorded.</p> : (
          <table className="mt-2 w-full text-sm" aria-label="Deposits and withdrawals">
            <thead className="text-left text-slate-500"><tr><th>Value date</th><th>Movement</th><th className="text-right">Amount</th><th className="text-right">Balance</th><th>Reference</th></tr></thead>
            <tbody>{history.movements.map((m) => <tr key={m.id} className="border-t border-slate-200"><td>{isoOf(m.valueDate)}</td><td>{MOVEMENT_KIND_LABELS[m.kind]}</td><td className="text-right">{formatUsd(m.amount)}</td><td className="text-right">{formatUsd(m.balance)}</td><td>{m.reference}</td></tr>)}</tbody>
          </table>
        )}
      </section>
    </div>
  );
}
