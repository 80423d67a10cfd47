import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { surveillanceBoard, type SortKey } from "@/lib/server/filings/queries";
import { FILING_KIND_LABELS, type FilingKindName } from "@/lib/validation/filing";
import { FlagList } from "@/components/filings/FlagList";
import { formatDate } from "@/components/filings/format";
import { Table } from "@/components/ui/Table";
import { Money } from "@/components/ui/Money";
import { enumLabel, FILING_STATUS_LABELS } from "@/lib/shared/labels";

const SORT_KEYS: readonly SortKey[] = ["firm", "filed", "anc", "excess", "excessPercent", "flags", "late", "missing"];
const SORTS = new Set<string>(SORT_KEYS);

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
      <Table
        caption="Capital surveillance board"
        testId="surveillance-board"
        sort={{ key: sort, dir, href: (key, d) => `/ch/surveillance?sort=${key}&dir=${d}` }}
        columns={[
          { key: "firm", header: "Member", sortable: true, cell: (r) => <><span className="font-mono">{r.firm.code}</span> {r.firm.legalName}</> },
          {
            key: "filed",
            header: "Latest filing",
            sortable: true,
            cell: (r) => (
              <>
                {r.latest ? (
                  <Link className="text-blue-800 underline" href={`/ch/surveillance/filings/${r.latest.id}`}>
                    {FILING_KIND_LABELS[r.latest.kind as FilingKindName]} {formatDate(r.latest.periodEnd)} v{r.latest.version}
                  </Link>
                ) : <span className="text-slate-500">no filings</span>}
                {r.latest ? <span className="block text-xs text-slate-500">{enumLabel(FILING_STATUS_LABELS, r.latest.status)}</span> : null}
              </>
            ),
          },
          { key: "anc", header: "ANC", numeric: true, sortable: true, cell: (r) => (r.latest ? <Money value={r.latest.adjustedNetCapital} /> : "—") },
          { key: "excess", header: "Excess over requirement", numeric: true, sortable: true, cell: (r) => (r.latest ? <Money value={r.latest.excessOverMinimum} /> : "—") },
          { key: "excessPercent", header: "Excess %", numeric: true, sortable: true, cell: (r) => (r.excessPercent === null ? "—" : `${r.excessPercent}%`) },
          {
            key: "flags",
            header: "Flags / cases",
            sortable: true,
            cell: (r) => (
              <>
                <FlagList flags={r.flags} testId={`board-flags-${r.firm.code}`} />
                {r.openCases ? <span className="ml-1 rounded bg-red-700 px-1.5 py-0.5 text-xs text-white">{r.openCases} open case{r.openCases === 1 ? "" : "s"}</span> : null}
              </>
            ),
          },
          { key: "late", header: "Late", numeric: true, sortable: true, cell: (r) => r.lateCount },
          {
            key: "missing",
            header: "Missing",
            numeric: true,
            sortable: true,
            cell: (r) => (
              <span title={r.missing.map((m) => `${m.kindLabel} ${m.periodEnd} due ${m.dueDate}`).join("\n")}>
                {r.missing.length ? <span className="font-semibold text-red-700">{r.missing.length}</span> : 0}
                {r.missing.length ? <span className="block text-xs text-slate-500">{r.missing.map((m) => m.periodEnd).join(", ")}</span> : null}
              </span>
            ),
          },
        ]}
        rows={rows}
        rowKey={(r) => r.firm.id}
        rowProps={(r) => ({ "data-testid": `board-${r.firm.code}` })}
        empty="No clearing member yet: each member appears here with its latest filing, flags and cases."
      />
    </div>
  );
}
