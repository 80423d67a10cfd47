import { ApplicationWizard } from "@/components/applications/ApplicationWizard";
import { Checklist } from "@/components/applications/Checklist";
import { StatusBadge, Timeline } from "@/components/applications/Timeline";
import { evaluateApplication, type DraftValues } from "@/lib/applications/checklist";
import { fieldTitle } from "@/lib/applications/labels";
import { EDITABLE_STATUSES } from "@/lib/applications/status";
import { requirePage } from "@/lib/auth/authorize";
import { approvedBanks, ownApplication } from "@/lib/server/applications/queries";

export default async function ApplicationPage() {
  const actor = await requirePage("application.own", "/application");
  const [app, banks] = await Promise.all([ownApplication(actor), approvedBanks()]);
  const status = app?.status ?? "DRAFT";
  const lastChanges = app?.status === "CHANGES_REQUESTED" ? [...app.transitions].reverse().find((t) => t.toStatus === "CHANGES_REQUESTED") : undefined;
  const documents = (app?.documents ?? []).map((d) => ({ id: d.id, kind: d.kind, name: d.name, fileId: d.fileId }));
  const editable = EDITABLE_STATUSES.includes(status);
  const checklist = !editable && app ? evaluateApplication(app.data as DraftValues, documents.map((d) => d.kind), banks) : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Membership application</h1>
        <StatusBadge status={status} />
        {app ? <span className="text-xs text-slate-500">version {app.version}</span> : <span className="text-sm text-slate-500">not started: save the first step to create your draft</span>}
      </div>
      {lastChanges ? (
        <section role="alert" aria-label="Changes requested" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">The clearing house asks for changes:</p>
          <p className="mt-1">{lastChanges.reason}</p>
          <ul className="mt-1 list-disc pl-5">{lastChanges.fields.map((f) => <li key={f}>{fieldTitle(f)}</li>)}</ul>
          <p className="mt-1">Change the marked fields, save each step, then submit again.</p>
        </section>
      ) : null}
      {editable ? (
        <ApplicationWizard userId={actor.userId} data={(app?.data ?? {}) as DraftValues} version={app?.version ?? 0} documents={documents} banks={banks} requested={lastChanges?.fields ?? []} />
      ) : (
        <div className="grid gap-8 lg:grid-cols-2">
          <section>
            <h2 className="text-lg font-semibold">Status</h2>
            <p className="text-sm text-slate-600">
              {status === "APPROVED" ? "Your firm is a clearing member. Sign out and sign in again to reach the member area." : status === "REJECTED" ? "The application was rejected; the reason is in the timeline." : "The clearing house is reviewing your application. You will get an e-mail at each change."}
            </p>
            <h3 className="mt-4 font-medium">Documents</h3>
            <ul className="text-sm">{documents.map((d) => <li key={d.id}><a className="underline" href={`/api/files/${d.fileId}`}>{d.name}</a> ({d.kind})</li>)}</ul>
            <h3 className="mt-4 font-medium">Requirements checklist</h3>
            {checklist?.ok ? <Checklist lines={checklist.checklist.lines} /> : <Checklist lines={[]} error={checklist?.message} />}
          </section>
          <section>
            <h2 className="text-lg font-semibold">History</h2>
            <Timeline transitions={app?.transitions ?? []} />
          </section>
        </div>
      )}
      {editable && app?.transitions.length ? (
        <section>
          <h2 className="text-lg font-semibold">History</h2>
          <Timeline transitions={app.transitions} />
        </section>
      ) : null}
    </div>
  );
}
