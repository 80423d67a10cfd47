import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { memberFilingsOverview } from "@/lib/server/filings/queries";
import { FILING_KIND_LABELS, type FilingKindName } from "@/lib/validation/filing";
import { CapitalChart } from "@/components/filings/CapitalChart";
import { FlagList, flagLabels } from "@/components/filings/FlagList";
import { formatDate } from "@/components/filings/format";
import { Table } from "@/components/ui/Table";
import { DateTime, Money } from "@/components/ui/Money";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { enumLabel, FILING_STATUS_LABELS } from "@/lib/shared/labels";
import { formatUtc } from "@/components/format";

const STATUS_STYLE: Record<string, string> = {
  filed: "text-green-800",
  "filed late": "text-amber-800",
  missing: "font-semibold text-red-700",
  due: "text-blue-800",
  upcoming: "text-slate-600",
  "awaiting regulatory filing": "text-slate-600",
};

export default async function FilingsPage() {
  const actor = await requirePage("member.read", "/member/filings");
  const o = await memberFilingsOverview(actor.firmId!);
  const mayFile = can(actor, "member.file");
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Financial filings</h1>
          <p className="text-slate-600">
            {o.firm.isBank
              ? "As a bank you file the reports you file with your primary banking regulator, at least quarterly, due five days after that filing, and an annual certified statement."
              : `You file a monthly ${o.firm.isBrokerDealer ? "SEC FOCUS report" : "CFTC Form 1-FR"} and an annual certified statement.`}{" "}
            Due dates follow the business-day calendar.
          </p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          {mayFile ? <Link href="/member/filings/new" className="rounded bg-blue-800 px-3 py-1.5 text-white">File a report</Link> : null}
          <Link href="/member/filings/notices" className="rounded border border-slate-300 px-3 py-1.5">Notices &amp; key contacts</Link>
          <a href="/api/filings/template?format=csv" className="rounded border border-slate-300 px-3 py-1.5">Template (CSV)</a>
          <a href="/api/filings/template?format=xlsx" className="rounded border border-slate-300 px-3 py-1.5">Template (XLSX)</a>
        </div>
      </div>

      {o.openCases.length ? (
        <div role="status" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {o.openCases.map((c) => <p key={c.id}>Open surveillance case since {formatUtc(c.openedAt)}: {c.reason}.</p>)}
        </div>
      ) : null}

      <section>
        <h2 className="text-lg font-semibold">Filing calendar</h2>
        <Table
          caption="Filing calendar"
          testId="filing-calendar"
          columns={[
            { key: "report", header: "Report", cell: (c) => c.kindLabel },
            { key: "period", header: "Period end", cell: (c) => c.periodEnd },
            { key: "due", header: "Due date", cell: (c) => c.dueDate ?? "5 days after your regulatory filing" },
            { key: "status", header: "Status", cell: (c) => <span className={STATUS_STYLE[c.status]}>{c.status}</span> },
            {
              key: "action",
              header: "",
              cell: (c) =>
                c.filing ? (
                  <Link className="text-blue-800 underline" href={`/member/filings/${c.filing.id}`}>version {c.filing.version} · {enumLabel(FILING_STATUS_LABELS, c.filing.status).toLowerCase()}</Link>
                ) : mayFile && c.status !== "upcoming" ? (
                  <Link className="text-blue-800 underline" href={`/member/filings/new?kind=${c.kind}&period=${c.periodEnd}`}>file</Link>
                ) : null,
            },
          ]}
          rows={o.calendar}
          rowKey={(c) => `${c.kind}-${c.periodEnd}`}
          empty="No report owed yet: the monthly (or quarterly) and annual reports appear here from your first period as a member."
        />
      </section>

      <section>
        <h2 className="text-lg font-semibold">Capital over time</h2>
        <CapitalChart points={o.history} />
      </section>

      <section>
        <h2 className="text-lg font-semibold">Filed reports</h2>
        <Table
          caption="Filed reports"
          testId="filed-reports"
          columns={[
            { key: "report", header: "Report", cell: (f) => <Link className="text-blue-800 underline" href={`/member/filings/${f.id}`}>{FILING_KIND_LABELS[f.kind as FilingKindName]}</Link> },
            { key: "period", header: "Period end", cell: (f) => formatDate(f.periodEnd) },
            { key: "version", header: "Version", numeric: true, cell: (f) => f.version },
            { key: "anc", header: "ANC", numeric: true, cell: (f) => <Money value={f.adjustedNetCapital} /> },
            { key: "minimum", header: "Minimum", numeric: true, cell: (f) => <Money value={f.minimumCapital} /> },
            { key: "warning", header: "Early warning", numeric: true, cell: (f) => <Money value={f.earlyWarningLevel} /> },
            { key: "excess", header: "Excess", numeric: true, cell: (f) => <Money value={f.excessOverMinimum} /> },
            { key: "flags", header: "Flags", cell: (f) => <FlagList flags={flagLabels(f)} /> },
            { key: "status", header: "Status", cell: (f) => <StatusBadge value={f.status} labels={FILING_STATUS_LABELS} tone={f.status === "ACCEPTED" ? "good" : f.status === "QUERIED" ? "warn" : "neutral"} /> },
            { key: "filed", header: "Filed", cell: (f) => <DateTime value={f.filedAt} /> },
          ]}
          rows={o.filings}
          rowKey={(f) => f.id}
          empty="Nothing filed yet: each report you file appears here with its capital figures, flags and review status."
        />
      </section>
    </div>
  );
}
