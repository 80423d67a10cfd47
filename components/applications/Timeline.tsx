import { formatUtc } from "@/components/format";
import { STATUS_LABELS, type ApplicationStatusName } from "@/lib/applications/status";
import { fieldTitle } from "@/lib/applications/labels";

export interface TransitionView {
  readonly id: string;
  readonly fromStatus: ApplicationStatusName | null;
  readonly toStatus: ApplicationStatusName;
  readonly actorEmail: string;
  readonly reason: string | null;
  readonly fields: readonly string[];
  readonly at: Date;
}

/** Every transition of an application: from, to, who, when, why, and the fields concerned. */
export function Timeline({ transitions }: { transitions: readonly TransitionView[] }) {
  return (
    <ol className="space-y-3 border-l border-slate-300 pl-4" aria-label="Timeline">
      {transitions.map((t) => (
        <li key={t.id} data-testid="timeline-entry">
          <p className="text-sm font-medium">
            {t.fromStatus ? `${STATUS_LABELS[t.fromStatus]} → ` : ""}
            {STATUS_LABELS[t.toStatus]}
          </p>
          <p className="text-xs text-slate-500">{formatUtc(t.at)} · {t.actorEmail}</p>
          {t.reason ? <p className="text-sm">Reason: {t.reason}</p> : null}
          {t.fields.length ? <p className="text-sm">Fields concerned: {t.fields.map(fieldTitle).join("; ")}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function StatusBadge({ status }: { status: ApplicationStatusName }) {
  const style = status === "APPROVED" ? "bg-green-100 text-green-800" : status === "REJECTED" ? "bg-red-100 text-red-800" : status === "CHANGES_REQUESTED" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-800";
  return <span data-testid="application-status" className={`rounded px-2 py-0.5 text-sm ${style}`}>{STATUS_LABELS[status]}</span>;
}
