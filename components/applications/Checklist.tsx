import type { RequirementStatus } from "@/lib/risk/membership";

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
      <table className="mt-2 w-full text-xs">
        <thead className="text-left text-slate-500">
          <tr><th className="py-1 pr-2">Requirement</th><th className="pr-2">Status</th><th className="pr-2">Required</th><th className="pr-2">Given</th><th>Rule</th></tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className="border-t border-slate-200 align-top" data-requirement={l.id}>
              <td className="py-1 pr-2">{l.requirement}{l.hard ? "" : " (advisory)"}</td>
              <td className="pr-2">
                <span className={`whitespace-nowrap rounded px-1.5 py-0.5 ${STATUS_STYLE[l.status]}`}>{STATUS_TEXT[l.status]}</span>
                {l.exemption ? <span className="mt-1 block text-slate-600">exempted: {l.exemption}</span> : null}
              </td>
              <td className="pr-2 font-mono">{l.required}</td>
              <td className="pr-2 font-mono">{l.given}</td>
              <td className="text-slate-600">{l.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
