import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { memberFilingsOverview } from "@/lib/server/filings/queries";
import { FILING_KIND_LABELS, type FilingKindName } from "@/lib/validation/filing";
import { CapitalChart } from "@/components/filings/CapitalChart";
import { FlagList, flagLabels } from "@/components/filings/FlagList";
import { formatDate, formatMoney } from "@/components/filings/format";
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
        <table className="mt-2 w-full text-sm" data-testid="filing-calendar">
          <thead className="text-left text-slate-500"><tr><th>Report</th><th>Period end</th><th>Due</th><th>Status</th><th /></tr></thead>
          <tbody>
            {o.calendar.map((c) => (
              <tr key={`${c.kind}-${c.periodEnd}`} className="border-t border-slate-200">
                <td>{c.kindLabel}</td>
                <td>{c.periodEnd}</td>
                <td>{c.dueDate ?? "5 days after your regulatory filing"}</td>
                <td className={STATUS_STYLE[c.status]}>{c.status}</td>
                <td>
                  {c.filing ? (
                    <Link className="text-blue-800 underline" href={`/member/filings/${c.filing.id}`}>version {c.filing.version} · {c.filing.status.toLowerCase()}</Link>
                  ) : mayFile && c.status !== "upcoming" ? (
                    <Link className="text-blue-800 underline" href={`/member/filings/new?kind=${c.kind}&period=${c.periodEnd}`}>file</Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h2 className="text-lg font-semibold">Capital over time</h2>
        <CapitalChart points={o.history} />
      </section>

      <section>
        <h2 className="text-lg font-semibold">Filed reports</h2>
        {o.filings.length === 0 ? <p className="text-sm text-slate-600">Nothing filed yet.</p> : (
          <table className="mt-2 w-full text-sm" data-testid="filed-reports">
            <thead className="text-left text-slate-500">
              <tr><th>Report</th><th>Period end</th><th>Version</th><th className="text-right">ANC</th><th className="text-right">Minimum</th><th className="text-right">Early warning</th><th className="text-right">Excess</th><th>Flags</th><th>Status</th><th>Filed</th></tr>
            </thead>
            <tbody>
              {o.filings.map((f) => (
                <tr key={f.id} className="border-t border-slate-200">
                  <td><Link className="text-blue-800 underline" href={`/member/filings/${f.id}`}>{FILING_KIND_LABELS[f.kind as FilingKindName]}</Link></td>
                  <td>{formatDate(f.periodEnd)}</td>
                  <td>{f.version}</td>
                  <td className="text-right tabular-nums">{formatMoney(f.adjustedNetCapital)}</td>
                  <td className="text-right tabular-nums">{formatMoney(f.minimumCapital)}</td>
                  <td className="text-right tabular-nums">{formatMoney(f.earlyWarningLevel)}</td>
                  <td className="text-right tabular-nums">{formatMoney(f.excessOverMinimum)}</td>
                  <td><FlagList flags={flagLabels(f)} /></td>
                  <td>{f.status.toLowerCase()}</td>
                  <td>{formatUtc(f.filedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
