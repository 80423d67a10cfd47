"use client";

import { FieldError } from "@/components/ui/FieldError";
import { FormStatus } from "@/components/ui/FormStatus";
import { SecondFactorCodeField } from "@/components/ui/SecondFactorCodeField";
import { useActionButton, useActionForm } from "@/components/ui/useActionForm";
import { fieldTitle } from "@/lib/applications/labels";
import type { ApplicationStatusName } from "@/lib/applications/status";
import { approveApplication, recordApplicationExemption, rejectApplication, requestApplicationChanges, startApplicationReview } from "@/lib/server/applications/actions";
import { approveApplicationSchema, recordExemptionSchema, rejectApplicationSchema, REQUESTABLE_FIELDS, requestChangesSchema, STEP_IDS } from "@/lib/validation/application";

const box = "rounded border border-slate-200 bg-white p-4";
const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm";

export function ReviewActions({ applicationId, status, exemptable }: { applicationId: string; status: ApplicationStatusName; exemptable: { id: string; label: string }[] }) {
  const start = useActionButton({ action: (call) => startApplicationReview({ applicationId }, call), refused: "Not started.", done: () => "Review started." });
  const approve = useActionForm({ schema: approveApplicationSchema, defaultValues: { applicationId, firmCode: "", reason: "", secondFactorCode: "" }, action: approveApplication, refused: "Not approved.", done: () => "Approved: the clearing member is created." });
  const reject = useActionForm({ schema: rejectApplicationSchema, defaultValues: { applicationId, reason: "" }, action: rejectApplication, refused: "Not rejected.", done: () => "Rejected." });
  const changes = useActionForm({ schema: requestChangesSchema, defaultValues: { applicationId, reason: "", fields: [] }, action: requestApplicationChanges, refused: "Not requested.", done: () => "Changes requested from the applicant." });
  const exemption = useActionForm({ schema: recordExemptionSchema, defaultValues: { applicationId, requirementId: exemptable[0]?.id ?? "", reason: "" }, action: recordApplicationExemption, refused: "Not recorded.", done: () => "Exemption recorded." });

  return (
    <section className="space-y-4" aria-label="Decision">
      <h2 className="text-lg font-semibold">Decision</h2>
      {status === "SUBMITTED" ? (
        <div className={box}>
          <button type="button" disabled={start.busy} className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white disabled:opacity-60" onClick={start.run}>
            Start review
          </button>
          <FormStatus error={start.error} done={start.done} />
        </div>
      ) : null}

      {status === "UNDER_REVIEW" ? (
        <form onSubmit={approve.onSubmit} className={box} aria-label="Approve" noValidate>
          <h3 className="font-medium">Approve</h3>
          <p className="text-xs text-slate-500">Refused while a hard requirement is not met or needs review without an exemption.</p>
          <label htmlFor="approve-code" className="mt-2 block text-sm">Clearing member code</label>
          <input id="approve-code" className={input} {...approve.form.register("firmCode")} />
          <FieldError message={approve.form.formState.errors.firmCode?.message as string | undefined} />
          <label htmlFor="approve-note" className="mt-2 block text-sm">Note (optional)</label>
          <input id="approve-note" className={input} {...approve.form.register("reason")} />
          <div className="mt-2"><SecondFactorCodeField id="approve-second-factor" {...approve.form.register("secondFactorCode")} error={approve.form.formState.errors.secondFactorCode?.message} /></div>
          <button type="submit" disabled={approve.form.formState.isSubmitting} className="mt-3 rounded bg-green-800 px-3 py-1.5 text-sm text-white disabled:opacity-60">Approve</button>
          <FormStatus error={approve.error} done={approve.done} />
        </form>
      ) : null}

      <form onSubmit={exemption.onSubmit} className={box} aria-label="Record exemption" noValidate>
        <h3 className="font-medium">Record an exemption</h3>
        {exemptable.length === 0 ? <p className="text-sm text-slate-500">Every hard requirement is met or exempted.</p> : (
          <>
            <label htmlFor="ex-req" className="mt-2 block text-sm">Requirement</label>
            <select id="ex-req" className={input} {...exemption.form.register("requirementId")}>
              {exemptable.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
            </select>
            <FieldError message={exemption.form.formState.errors.requirementId?.message as string | undefined} />
            <label htmlFor="ex-reason" className="mt-2 block text-sm">Reason for the exemption</label>
            <textarea id="ex-reason" rows={2} className={input} {...exemption.form.register("reason")} />
            <FieldError message={exemption.form.formState.errors.reason?.message as string | undefined} />
            <button type="submit" disabled={exemption.form.formState.isSubmitting} className="mt-3 rounded bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-60">Record exemption</button>
          </>
        )}
        <FormStatus error={exemption.error} done={exemption.done} />
      </form>

      {status === "UNDER_REVIEW" ? (
        <form onSubmit={changes.onSubmit} className={box} aria-label="Request changes" noValidate>
          <h3 className="font-medium">Request changes</h3>
          <label htmlFor="ch-reason" className="mt-2 block text-sm">What needs to change</label>
          <textarea id="ch-reason" rows={2} className={input} {...changes.form.register("reason")} />
          <FieldError message={changes.form.formState.errors.reason?.message as string | undefined} />
          <fieldset className="mt-2">
            <legend className="text-sm">Fields concerned</legend>
            {STEP_IDS.map((s) => (
              <details key={s} className="text-sm">
                <summary>{fieldTitle(s).replace(" (whole section)", "")}</summary>
                {REQUESTABLE_FIELDS.filter((f) => f === s || f.startsWith(`${s}.`)).map((f) => (
                  <label key={f} className="ml-4 flex items-center gap-2"><input type="checkbox" value={f} {...changes.form.register("fields")} />{fieldTitle(f)}</label>
                ))}
              </details>
            ))}
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" value="documents" {...changes.form.register("fields")} />Documents</label>
            <FieldError message={changes.form.formState.errors.fields?.message as string | undefined} />
          </fieldset>
          <button type="submit" disabled={changes.form.formState.isSubmitting} className="mt-3 rounded bg-amber-700 px-3 py-1.5 text-sm text-white disabled:opacity-60">Request changes</button>
          <FormStatus error={changes.error} done={changes.done} />
        </form>
      ) : null}

      <form onSubmit={reject.onSubmit} className={box} aria-label="Reject" noValidate>
        <h3 className="font-medium">Reject</h3>
        <label htmlFor="rej-reason" className="mt-2 block text-sm">Reason for the rejection</label>
        <textarea id="rej-reason" rows={2} className={input} {...reject.form.register("reason")} />
        <FieldError message={reject.form.formState.errors.reason?.message as string | undefined} />
        <button type="submit" disabled={reject.form.formState.isSubmitting} className="mt-3 rounded bg-red-800 px-3 py-1.5 text-sm text-white disabled:opacity-60">Reject</button>
        <FormStatus error={reject.error} done={reject.done} />
      </form>
    </section>
  );
}
