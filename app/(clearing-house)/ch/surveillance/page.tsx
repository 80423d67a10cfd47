import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { surveillanceBoard, type SortKey } from "@/lib/server/filings/queries";
import { FILING_KIND_LABELS, type FilingKindName } from "@/lib/validation/filing";
import { FlagList } from "@/components/filings/FlagList";
import { formatDate, formatMoney } from "@/components/filings/format";

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: "firm", label: "Member" },
  { key: "filed", label: "Latest filing" },
  { key: "anc", label: "ANC", numeric: true },
  { key: "excess", label: "Excess over requirement", numeric: true },
  { key: "excessPercent", label: "Excess %", numeric: true },
  { key: "flags", label: "Flags / cases" },
  { key: "late", label: "Late", numeric: true },
  { key: "missing", label: "Missing", numeric: true },
];
const SORTS = new Set<string>(COLUMNS.map((c) => c.key));

export default async function SurveillancePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePage("ch.read", "/ch/surveillance");
  const q = await searchParams;
  const sort = (SORTS.has(q.sort ?? "") ? q.sort : "excessPercent") as SortKey;
  const dir = q.dir === "desc" ? "desc" : "asc";
  const rows = await surveillanceBoard(sort, dir);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Capital surveillance</h1>
        <p className="text-slate-600">Every member&apos;s latest adjusted net capital against its minimum capital requirement, flags, open cases, late and missing filings. Click a column to sort; click a filing for its versions and history.</p>
      </div>
      <table className="w-full text-sm" data-testid="surveillance-board">
        <thead className="text-left text-slate-500">
          <tr>
            {COLUMNS.map((c) => {
              const next = sort === c.key && dir === "asc" ? "desc" : "asc";
              return (
                <th key={c.key} className={c.numeric ? "text-right" : ""} aria-sort={sort === c.key ? (dir === "asc" ? "ascending" : "descending") : "none"}>
                  <Link href={`/ch/surveillance?sort=${c.key}&dir=${next}`} className="hover:underline">{c.label}{sort === c.key ? (dir === "asc" ? " ▲" : " ▼") : ""}</Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.firm.id} className="border-t border-slate-200 align-top" data-testid={`board-${r.firm.code}`}>
              <td><span className="font-mono">{r.firm.code}</span> {r.firm.legalName}</td>
              <td>
                {r.latest ? (
                  <Link className="text-blue-800 underline" href={`/ch/surveillance/filings/${r.latest.id}`}>
                    {FILING_KIND_LABELS[r.latest.kind as FilingKindName]} {formatDate(r.latest.periodEnd)} v{r.latest.version}
                  </Link>
                ) : <span className="text-slate-500">no filings</span>}
                {r.latest ? <span className="block text-xs text-slate-500">{r.latest.status.toLowerCase()}</span> : null}
              </td>
              <td className="text-right tabular-nums">{r.latest ? formatMoney(r.latest.adjustedNetCapital) : "—"}</td>
              <td className={`text-right tabular-nums ${r.latest?.excessOverMinimum.isNegative() ? "text-red-700" : ""}`}>{r.latest ? formatMoney(r.latest.excessOverMinimum) : "—"}</td>
              <td className="text-right tabular-nums">{r.excessPercent === null ? "—" : `${r.excessPercent}%`}</td>
              <td>
                <FlagList flags={r.flags} testId={`board-flags-${r.firm.code}`} />
                {r.openCases ? <span className="ml-1 rounded bg-red-700 px-1.5 py-0.5 text-xs text-white">{r.openCases} open case{r.openCases === 1 ? "" : "s"}</span> : null}
              </td>
              <td className="text-right">{r.lateCount}</td>
              <td className="text-right" title={r.missing.map((m) => `${m.kindLabel} ${m.periodEnd} due ${m.dueDate}`).join("\n")}>
                {r.missing.length ? <span className="font-semibold text-red-700">{r.missing.length}</span> : 0}
                {r.missing.length ? <span className="block text-xs text-slate-500">{r.missing.map((m) => m.periodEnd).join(", ")}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
