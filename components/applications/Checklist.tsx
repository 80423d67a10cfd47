import type { RequirementStatus } from "@/lib/risk/membership";
import { Table } from "@/components/ui/Table";

export interface ChecklistLineView {
  readonly id: string;
  readonly requirement: string;
  readonly status: RequirementStatus;
  readonly rule: string;
  readonly required: string;
  readonly given: string;
  readonly hard: boolean;
  readonly exemption?: string;
}

const STATUS_STYLE: Record<RequirementStatus, string> = {
  met: "bg-green-100 text-green-800",
  "not-met": "bg-red-100 text-red-800",
  "needs-review": "bg-amber-100 text-amber-800",
};
const STATUS_TEXT: Record<RequirementStatus, string> = { met: "met", "not-met": "not met", "needs-review": "needs review" };

/** The requirements checklist computed by the risk core: every line with status, required, given and rule. */
export function Checklist({ lines, error }: { lines: readonly ChecklistLineView[]; error?: string }) {
  if (error) return <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">The checklist cannot be computed yet: {error}</p>;
  const notMet = lines.filter((l) => l.status === "not-met").length;
  const review = lines.filter((l) => l.status === "needs-review").length;
  return (
    <section aria-label="Requirements checklist" data-testid="checklist">
      <p className="text-sm text-slate-600">
        {lines.length - notMet - review} met · <span className="text-red-700">{notMet} not met</span> · <span className="text-amber-700">{review} need review</span>
      </p>
      <Table
        caption="Requirements"
        columns={[
          { key: "requirement", header: "Requirement", cell: (l) => `${l.requirement}${l.hard ? "" : " (advisory)"}` },
          {
            key: "status",
            header: "Status",
            cell: (l) => (
              <>
                <span className={`whitespace-nowrap rounded px-1.5 py-0.5 ${STATUS_STYLE[l.status]}`}>{STATUS_TEXT[l.status]}</span>
                {l.exemption ? <span className="mt-1 block text-slate-600">exempted: {l.exemption}</span> : null}
              </>
            ),
          },
          { key: "required", header: "Required", numeric: true, cell: (l) => l.required },
          { key: "given", header: "Given", numeric: true, cell: (l) => l.given },
          { key: "rule", header: "Rule", cell: (l) => <span className="text-slate-600">{l.rule}</span> },
        ]}
        rows={lines}
        rowKey={(l) => l.id}
        rowProps={(l) => ({ "data-requirement": l.id })}
        empty="No requirement yet: the lines appear as the application's firm facts are entered."
      />
    </section>
  );
}
