"use client";

import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionForm } from "@/components/ui/useActionForm";
import { decideBiddingExemption } from "@/lib/server/default-management/actions";
import { decideExemptionSchema } from "@/lib/validation/default-management";

type Values = z.input<typeof decideExemptionSchema>;

/** Grant or deny one exemption request; the note (the reason) is required either way. */
export function ExemptionDecisionForm({ exemptionId, label }: { exemptionId: string; label: string }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: decideExemptionSchema,
    defaultValues: { exemptionId, decision: "GRANTED", note: "" } satisfies Values,
    action: decideBiddingExemption,
    refused: "Not decided.",
    done: (data) => `Request ${data.status === "GRANTED" ? "granted" : "denied"}; the member has been told.`,
  });
  const submit = (decision: "GRANTED" | "DENIED") => {
    form.setValue("decision", decision);
    return onSubmit();
  };
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label={`Decide ${label}`} noValidate className="min-w-64">
      <label className="block text-sm">Decision note<textarea rows={2} className={`${formInput} block w-full`} {...form.register("note")} /></label>
      <FieldError message={form.formState.errors.note?.message} />
      <div className="mt-1 flex gap-2">
        <button type="button" className={formButton} disabled={form.formState.isSubmitting} onClick={() => submit("GRANTED")}>Grant</button>
        <button type="button" className="rounded bg-red-800 px-3 py-1.5 text-sm text-white disabled:opacity-50" disabled={form.formState.isSubmitting} onClick={() => submit("DENIED")}>Deny</button>
      </div>
      <FormStatus error={error} done={done} />
    </form>
  );
}
