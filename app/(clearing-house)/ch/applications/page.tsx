import Link from "next/link";
import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";
import { StatusBadge } from "@/components/applications/Timeline";
import { APPLICATION_STATUSES, STATUS_LABELS, type ApplicationStatusName } from "@/lib/applications/status";
import { requirePage } from "@/lib/auth/authorize";
import { EXCHANGES } from "@/lib/risk/membership";
import { reviewQueue } from "@/lib/server/applications/queries";

const AGES = [["", "any age"], ["2", "submitted 2+ days ago"], ["7", "submitted 7+ days ago"], ["30", "submitted 30+ days ago"]] as const;

/** The review queue with filters by status, exchange and age (GET parameters). */
export default async function ApplicationsQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePage("ch.read", "/ch/applications");
  const p = await searchParams;
  const status = APPLICATION_STATUSES.includes(p.status as ApplicationStatusName) ? (p.status as ApplicationStatusName) : undefined;
  const exchange = EXCHANGES.includes(p.exchange as (typeof EXCHANGES)[number]) ? p.exchange : undefined;
  const age = p.age && /^\d{1,3}$/.test(p.age) ? Number(p.age) : undefined;
  const rows = await reviewQueue({ status, exchange, olderThanDays: age });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Membership applications</h1>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filters">
        <label>Status<br />
          <select name="status" defaultValue={status ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">every status past draft</option>
            {APPLICATION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        <label>Exchange<br />
          <select name="exchange" defaultValue={exchange ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">any exchange</option>
            {EXCHANGES.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        <label>Age<br />
          <select name="age" defaultValue={age ? String(age) : ""} className="rounded border border-slate-300 px-2 py-1">
            {AGES.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white">Filter</button>
      </form>
      <Table
        caption="Applications"
        columns={[
          { key: "firm", header: "Firm", cell: (r) => <Link className="underline" href={`/ch/applications/${r.id}`}>{r.firmName}</Link> },
          { key: "applicant", header: "Applicant", cell: (r) => r.applicant?.email },
          { key: "exchanges", header: "Exchanges", cell: (r) => (r.exchanges.length ? r.exchanges.join(", ") : "OTC only") },
          { key: "status", header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
          { key: "submitted", header: "Submitted", cell: (r) => (r.submittedAt ? <DateTime value={r.submittedAt} /> : "—") },
          { key: "age", header: "Age (days)", numeric: true, cell: (r) => r.ageDays ?? "—" },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
        empty="No applications match: submitted applications appear here, oldest first, until approved or rejected."
      />
    </div>
  );
}
