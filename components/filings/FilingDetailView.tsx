import Link from "next/link";
import type { filingDetail } from "@/lib/server/filings/queries";
import { FILING_KIND_LABELS, LINE_LABELS, STATEMENT_LINES, type FilingKindName } from "@/lib/validation/filing";
import { formatUtc } from "@/components/format";
import { CapitalChart } from "./CapitalChart";
import { FlagList, flagLabels } from "./FlagList";
import { formatDate, formatMoney } from "./format";

type Detail = NonNullable<Awaited<ReturnType<typeof filingDetail>>>;

/** A report with every version side by side (nothing is overwritten), its reviews and the firm's capital history. */
export function FilingDetailView({ detail, linkBase, actions }: { detail: Detail; linkBase: string; actions?: React.ReactNode }) {
  const { filing, versions, users } = detail;
  const latest = versions.at(-1)!;
  const who = (id: string | null) => (id ? (users.get(id)?.name ?? "unknown user") : "demo data");
  const codes = STATEMENT_LINES.map((l) => l.code).filter((c) => versions.some((v) => v.lines.some((l) => l.line === c)));
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm text-slate-500">{filing.firm.legalName} ({filing.firm.code})</p>
        <h1 className="text-2xl font-semibold">{FILING_KIND_LABELS[filing.kind as FilingKindName]} for {formatDate(filing.periodEnd)}</h1>
        <p className="text-slate-600">
          Due {formatDate(filing.dueDate)}{filing.regulatorFilingDate ? ` (filed with the regulator ${formatDate(filing.regulatorFilingDate)})` : ""}. {versions.length} version{versions.length === 1 ? "" : "s"}; the latest is version {latest.version}, {latest.status.toLowerCase()}.
          {filing.id !== latest.id ? <> You are looking at version {filing.version}: <Link className="text-blue-800 underline" href={`${linkBase}/${latest.id}`}>see the latest</Link>.</> : null}
        </p>
      </div>
      {actions}
      <section>
        <h2 className="text-lg font-semibold">Versions</h2>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-sm" data-testid="filing-versions">
            <thead className="text-left text-slate-500">
              <tr>
                <th>Line</th>
                {versions.map((v) => (
                  <th key={v.id} className="text-right" data-testid={`version-${v.version}`}>
                    <Link className={v.id === filing.id ? "font-semibold text-slate-900" : "text-blue-800 underline"} href={`${linkBase}/${v.id}`}>Version {v.version}</Link>
                    {v.amendsId ? <span className="block text-xs font-normal">amends version {v.version - 1}</span> : <span className="block text-xs font-normal">original</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="border-t border-slate-200"><td>Filed</td>{versions.map((v) => <td key={v.id} className="text-right">{formatUtc(v.filedAt)} by {who(v.filedById)}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Reason for amendment</td>{versions.map((v) => <td key={v.id} className="text-right">{v.amendmentReason ?? "—"}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Signed original</td>{versions.map((v) => <td key={v.id} className="text-right">{v.signedDocument ? <a className="text-blue-800 underline" href={`/api/files/${v.signedDocument.id}`}>{v.signedDocument.originalName}</a> : "—"}</td>)}</tr>
              {codes.map((c) => (
                <tr key={c} className="border-t border-slate-200">
                  <td>{LINE_LABELS[c]}</td>
                  {versions.map((v) => { const l = v.lines.find((x) => x.line === c); return <td key={v.id} className="text-right tabular-nums">{l ? formatMoney(l.amount) : "—"}</td>; })}
                </tr>
              ))}
              <tr className="border-t-2 border-slate-400 font-semibold"><td>Adjusted net capital</td>{versions.map((v) => <td key={v.id} className="text-right tabular-nums" data-testid={`anc-v${v.version}`}>{formatMoney(v.adjustedNetCapital)}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Minimum capital</td>{versions.map((v) => <td key={v.id} className="text-right tabular-nums" title={v.bindingRequirement}>{formatMoney(v.minimumCapital)}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Early-warning level</td>{versions.map((v) => <td key={v.id} className="text-right tabular-nums">{formatMoney(v.earlyWarningLevel)}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Excess over minimum</td>{versions.map((v) => <td key={v.id} className="text-right tabular-nums">{formatMoney(v.excessOverMinimum)}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Reduction against the previous filing</td>{versions.map((v) => <td key={v.id} className="text-right tabular-nums">{v.reductionPercent ? `${v.reductionPercent.toFixed(2)}%` : "—"}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Flags</td>{versions.map((v) => <td key={v.id} className="text-right"><FlagList flags={flagLabels(v)} testId={`flags-v${v.version}`} /></td>)}</tr>
              <tr className="border-t border-slate-200"><td>Notices required</td>{versions.map((v) => <td key={v.id} className="text-right">{v.noticesRequired.length ? v.noticesRequired.join("; ") : "—"}</td>)}</tr>
              <tr className="border-t border-slate-200"><td>Status</td>{versions.map((v) => <td key={v.id} className="text-right">{v.status.toLowerCase()}{v.daysLate ? ` · ${v.daysLate} days late` : ""}</td>)}</tr>
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Reviews</h2>
        {versions.every((v) => v.reviews.length === 0) ? <p className="text-sm text-slate-600">Not reviewed yet.</p> : (
          <ul className="mt-2 space-y-1 text-sm" data-testid="filing-reviews">
            {versions.flatMap((v) => v.reviews.map((r) => (
              <li key={r.id}>{formatUtc(r.createdAt)} · version {v.version} · <strong>{r.decision === "ACCEPT" ? "accepted" : "queried"}</strong> by {who(r.reviewerId)}{r.message ? `: ${r.message}` : ""}</li>
            )))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Capital history of {filing.firm.code}</h2>
        <CapitalChart points={detail.history} />
      </section>
    </div>
  );
}
