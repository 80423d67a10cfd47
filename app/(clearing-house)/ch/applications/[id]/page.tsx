import { notFound } from "next/navigation";
import { Checklist } from "@/components/applications/Checklist";
import { ReviewActions } from "@/components/applications/ReviewActions";
import { StatusBadge, Timeline } from "@/components/applications/Timeline";
import { formatUtc } from "@/components/format";
import { fieldTitle } from "@/lib/applications/labels";
import { REVIEWABLE_STATUSES } from "@/lib/applications/status";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { applicationForReview } from "@/lib/server/applications/queries";
import { documentLabel } from "@/lib/server/applications/service";
import { STEP_IDS, STEP_TITLES, type ApplicationData } from "@/lib/validation/application";

function show(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "object" && v ? Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(", ") : String(v))).join(" | ") : "none";
  return value === "" || value === undefined || value === null ? "—" : String(value);
}

export default async function ApplicationReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("ch.read", `/ch/applications/${id}`);
  const app = await applicationForReview(id);
  if (!app) notFound();
  const data = app.data as ApplicationData;
  const exempt = new Map(app.exemptions.map((e) => [e.requirementId, `${e.reason} (${e.actorEmail}, ${formatUtc(e.createdAt)})`]));
  const lines = app.checklist.ok ? app.checklist.checklist.lines.map((l) => ({ ...l, exemption: exempt.get(l.id) })) : [];
  const exemptable = lines.filter((l) => l.hard && l.status !== "met" && !l.exemption).map((l) => ({ id: l.id, label: `${l.requirement} — ${l.status === "not-met" ? "not met" : "needs review"} (required ${l.required}, given ${l.given})` }));
  const admin = can(actor, "ch.admin");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{data.firm?.legalName ?? "(no name yet)"}</h1>
        <StatusBadge status={app.status} />
        <span className="text-sm text-slate-500">{app.applicant?.name} · {app.applicant?.email} · version {app.version}</span>
      </div>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <section>
            <h2 className="text-lg font-semibold">Requirements checklist</h2>
            {app.checklist.ok ? <Checklist lines={lines} /> : <Checklist lines={[]} error={app.checklist.message} />}
          </section>
          <section>
            <h2 className="text-lg font-semibold">Application</h2>
            {STEP_IDS.map((s) => (
              <div key={s} className="mt-3">
                <h3 className="font-medium">{STEP_TITLES[s]}</h3>
                {data[s] ? (
                  <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-4 text-sm">
                    {Object.entries(data[s] as Record<string, unknown>).map(([k, v]) => (
                      <div key={k} className="contents"><dt className="text-slate-500">{fieldTitle(`${s}.${k}`)}</dt><dd>{show(v)}</dd></div>
                    ))}
                  </dl>
                ) : <p className="text-sm text-slate-500">not saved</p>}
              </div>
            ))}
          </section>
          <section>
            <h2 className="text-lg font-semibold">Documents</h2>
            {app.documents.length === 0 ? <p className="text-sm text-slate-500">None uploaded.</p> : (
              <ul className="text-sm">{app.documents.map((d) => <li key={d.id}>{documentLabel(d.kind)}: <a className="underline" href={`/api/files/${d.fileId}`}>{d.name}</a> ({Math.ceil(d.size / 1024)} KB)</li>)}</ul>
            )}
          </section>
        </div>
        <div className="space-y-6">
          {admin && (REVIEWABLE_STATUSES.includes(app.status)) ? <ReviewActions applicationId={app.id} status={app.status} exemptable={exemptable} /> : null}
          <section>
            <h2 className="text-lg font-semibold">Timeline</h2>
            <Timeline transitions={app.transitions} />
          </section>
        </div>
      </div>
    </div>
  );
}
