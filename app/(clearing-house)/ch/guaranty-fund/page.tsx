import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { DepositForm, RecalculationForm } from "@/components/guaranty-fund/GfForms";
import { formatUtc } from "@/components/format";
import { chGuarantyFund, isOverdue, latestCompletedCycle } from "@/lib/server/guaranty-fund/queries";
import { MOVEMENT_KIND_LABELS, NOTICE_KIND_LABELS, noticeRequires } from "@/lib/server/guaranty-fund/notices";
import { isoOf } from "@/lib/shared/dates";
import { Table } from "@/components/ui/Table";
import { DateTime, Money } from "@/components/ui/Money";
import { formatMoney } from "@/components/ui/format";

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
        <Table
          caption="Overdue notices"
          columns={[
            { key: "member", header: "Member", cell: (n) => gf.firmCode(n.firmId) },
            { key: "notice", header: "Notice", cell: (n) => NOTICE_KIND_LABELS[n.kind] },
            { key: "dated", header: "Dated", cell: (n) => isoOf(n.noticeDate) },
            { key: "due", header: "Due date", cell: (n) => (n.dueDate ? isoOf(n.dueDate) : "") },
            { key: "amount", header: "Amount due", numeric: true, cell: (n) => <Money value={n.amountDue} /> },
            { key: "ack", header: "Acknowledged", cell: (n) => (n.acknowledgedAt ? <><DateTime value={n.acknowledgedAt} /> by {gf.acknowledgedByEmail(n.acknowledgedBy)}</> : "not yet") },
            { key: "escalated", header: "Escalated", cell: (n) => (n.escalatedAt ? <DateTime value={n.escalatedAt} /> : "") },
          ]}
          rows={gf.overdue}
          rowKey={(n) => n.id}
          empty="No notice is overdue: open notices past their due date appear here, each e-mailed to the admins once."
        />
      </section>

      <section aria-labelledby="positions">
        <h2 id="positions" className="text-lg font-semibold">Members: requirement and deposits</h2>
        <p className="text-sm text-slate-600">{short.length === 0 ? "No member is short." : `${short.length} member(s) short of their requirement.`}</p>
        <Table
          caption="Requirements and deposits"
          columns={[
            { key: "member", header: "Member", cell: (p) => `${p.code} · ${p.name}` },
            { key: "required", header: "Base requirement", numeric: true, cell: (p) => (p.required ? <Money value={p.required} /> : "none issued") },
            { key: "deposit", header: "On deposit", numeric: true, cell: (p) => <Money value={p.onDeposit} /> },
            { key: "shortfall", header: "Shortfall", numeric: true, cell: (p) => (p.shortfall.greaterThan(0) ? <span className="font-semibold text-red-700"><Money value={p.shortfall} /></span> : "") },
            { key: "due", header: "Due date", cell: (p) => (p.dueDate && p.shortfall.greaterThan(0) ? isoOf(p.dueDate) : "") },
            { key: "separate", header: "IRS / CDS funds (separate)", cell: (p) => p.separate.map((s) => `${s.name}: ${s.required ? formatMoney(s.required) : "none set yet"}`).join("; ") },
          ]}
          rows={gf.positions}
          rowKey={(p) => p.firmId}
          empty="No clearing member yet."
        />
      </section>

      <section aria-labelledby="notices">
        <h2 id="notices" className="text-lg font-semibold">Notices and acknowledgements</h2>
        <Table
          caption="Notices"
          columns={[
            { key: "member", header: "Member", cell: (n) => gf.firmCode(n.firmId) },
            { key: "notice", header: "Notice", cell: (n) => NOTICE_KIND_LABELS[n.kind] },
            { key: "dated", header: "Dated", cell: (n) => isoOf(n.noticeDate) },
            { key: "required", header: "Required", numeric: true, cell: (n) => <Money value={noticeRequires(n)} /> },
            { key: "due", header: "Amount due", numeric: true, cell: (n) => (n.amountDue.isZero() ? "nothing" : <Money value={n.amountDue} />) },
            { key: "dueDate", header: "Due date", cell: (n) => (n.dueDate ? isoOf(n.dueDate) : "") },
            { key: "status", header: "Status", cell: (n) => (n.settledAt ? "met" : n.supersededAt ? "superseded" : isOverdue(n, gf.today) ? "overdue" : "open") },
            { key: "ack", header: "Acknowledged", cell: (n) => (n.acknowledgedAt ? <><DateTime value={n.acknowledgedAt} /> by {gf.acknowledgedByEmail(n.acknowledgedBy)}</> : "not yet") },
          ]}
          rows={gf.notices}
          rowKey={(n) => n.id}
          empty="No notices issued yet: deposit, interim, replenishment and assessment notices appear here with their acknowledgement."
        />
      </section>

      <section aria-labelledby="recalculations" className="space-y-3">
        <h2 id="recalculations" className="text-lg font-semibold">Recalculations</h2>
        {risk ? <RecalculationForm defaultAsOf={latestCycle ? isoOf(latestCycle.businessDate) : gf.today} defaultNoticeDate={gf.today} /> : null}
        {gf.recalculations.length === 0 ? <p className="text-sm">None yet.</p> : (
          <ul className="text-sm">
            {gf.recalculations.map((r) => (
              <li key={r.id}>
                <Link className="text-blue-800 underline" href={`/ch/guaranty-fund/recalculations/${r.id}`}>{r.kind === "QUARTERLY" ? "Quarterly" : "Interim"} recalculation as of {isoOf(r.asOf)}</Link> · aggregate {formatMoney(r.aggregate)} · {r.status === "ISSUED" ? `issued ${formatUtc(r.issuedAt!)}` : "preview, not issued"}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="deposits" className="space-y-3">
        <h2 id="deposits" className="text-lg font-semibold">Deposits and withdrawals</h2>
        {risk ? <DepositForm firms={gf.positions.map((p) => ({ code: p.code, name: p.name }))} today={gf.today} /> : null}
        <Table
          caption="Recent deposits and withdrawals"
          columns={[
            { key: "recorded", header: "Recorded", cell: (d) => <DateTime value={d.recordedAt} /> },
            { key: "member", header: "Member", cell: (d) => gf.firmCode(d.firmId) },
            { key: "kind", header: "Movement", cell: (d) => MOVEMENT_KIND_LABELS[d.kind] },
            { key: "amount", header: "Amount", numeric: true, cell: (d) => <Money value={d.amount} /> },
            { key: "value", header: "Value date", cell: (d) => isoOf(d.valueDate) },
            { key: "reference", header: "Reference", cell: (d) => d.reference },
          ]}
          rows={gf.deposits}
          rowKey={(d) => d.id}
          empty="None recorded: deposits and withdrawals appear here as risk staff record them."
        />
      </section>
    </div>
  );
}
