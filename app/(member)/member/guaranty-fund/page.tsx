import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { memberFunds, memberHistory, memberNotices, isOverdue } from "@/lib/server/guaranty-fund/queries";
import { MOVEMENT_KIND_LABELS, NOTICE_KIND_LABELS, noticeRequires } from "@/lib/server/guaranty-fund/notices";
import { isoOf } from "@/lib/shared/dates";
import { Table } from "@/components/ui/Table";
import { DateTime, Money } from "@/components/ui/Money";

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
        <Table
          caption="Guaranty funds"
          columns={[
            { key: "fund", header: "Fund", cell: (f) => `${f.name} (${f.rule})` },
            { key: "required", header: "Current requirement", numeric: true, cell: (f) => (f.required ? <Money value={f.required} /> : "none set yet") },
            { key: "deposit", header: "On deposit", numeric: true, cell: (f) => (f.onDeposit ? <Money value={f.onDeposit} /> : "deposited to that fund") },
            { key: "due", header: "Amount due", numeric: true, cell: (f) => (f.amountDue ? <Money value={f.amountDue} /> : "nothing") },
            { key: "dueDate", header: "Due date", cell: (f) => (f.dueDate ? isoOf(f.dueDate) : "") },
            { key: "basis", header: "Basis", cell: (f) => f.basis },
          ]}
          rows={funds}
          rowKey={(f) => f.fund}
          empty="No guaranty fund requirement yet: the Base fund's (Rule 816) appears here once it is set."
        />
      </section>
      <section aria-labelledby="notices">
        <h2 id="notices" className="text-lg font-semibold">Notices</h2>
        <Table
          caption="Notices"
          columns={[
            { key: "notice", header: "Notice", cell: (n) => <Link className="text-blue-800 underline" href={`/member/guaranty-fund/notices/${n.id}`}>{NOTICE_KIND_LABELS[n.kind]}</Link> },
            { key: "dated", header: "Dated", cell: (n) => isoOf(n.noticeDate) },
            { key: "required", header: "Required", numeric: true, cell: (n) => <Money value={noticeRequires(n)} /> },
            { key: "due", header: "Amount due", numeric: true, cell: (n) => (n.amountDue.isZero() ? "nothing" : <Money value={n.amountDue} />) },
            { key: "dueDate", header: "Due date", cell: (n) => (n.dueDate ? isoOf(n.dueDate) : "") },
            { key: "status", header: "Status", cell: (n) => (n.settledAt ? "met" : n.supersededAt ? "superseded" : isOverdue(n) ? "overdue" : "open") },
            { key: "ack", header: "Acknowledged", cell: (n) => (n.acknowledgedAt ? <DateTime value={n.acknowledgedAt} /> : "not yet") },
          ]}
          rows={notices}
          rowKey={(n) => n.id}
          empty="No notices yet: deposit, interim increase, replenishment and assessment notices appear here when issued."
        />
      </section>
      <section aria-labelledby="requirement-history">
        <h2 id="requirement-history" className="text-lg font-semibold">Requirement history</h2>
        <Table
          caption="Requirement history"
          columns={[
            { key: "from", header: "From", cell: (n) => isoOf(n.noticeDate) },
            { key: "notice", header: "Notice", cell: (n) => NOTICE_KIND_LABELS[n.kind] },
            { key: "required", header: "Requirement", numeric: true, cell: (n) => <Money value={n.required} /> },
          ]}
          rows={history.requirements}
          rowKey={(n) => n.id}
          empty="None yet: each requirement set by a deposit or interim notice appears here."
        />
      </section>
      <section aria-labelledby="deposit-history">
        <h2 id="deposit-history" className="text-lg font-semibold">Deposits and withdrawals</h2>
        <Table
          caption="Deposits and withdrawals"
          columns={[
            { key: "date", header: "Value date", cell: (m) => isoOf(m.valueDate) },
            { key: "kind", header: "Movement", cell: (m) => MOVEMENT_KIND_LABELS[m.kind] },
            { key: "amount", header: "Amount", numeric: true, cell: (m) => <Money value={m.amount} /> },
            { key: "balance", header: "Balance", numeric: true, cell: (m) => <Money value={m.balance} /> },
            { key: "reference", header: "Reference", cell: (m) => m.reference },
          ]}
          rows={history.movements}
          rowKey={(m) => m.id}
          empty="None recorded: deposits and withdrawals recorded by the clearing house appear here with the running balance."
        />
      </section>
    </div>
  );
}
