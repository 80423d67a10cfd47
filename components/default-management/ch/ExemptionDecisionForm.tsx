"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { decideBiddingExemption } from "@/lib/server/default-management/actions";
import { decideExemptionSchema } from "@/lib/validation/default-management";
import { applyFieldErrors } from "./form-errors";

type Values = z.input<typeof decideExemptionSchema>;

/** Grant or deny one exemption request; the note (the reason) is required either way. */
export function ExemptionDecisionForm({ exemptionId, label }: { exemptionId: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(decideExemptionSchema, undefined, { raw: true }), defaultValues: { exemptionId, decision: "GRANTED", note: "" } });
  const submit = (decision: "GRANTED" | "DENIED") => {
    form.setValue("decision", decision);
    return form.handleSubmit(async (values) => {
      setError(null);
      setDone(null);
      const result = await decideBiddingExemption(values);
      if (!result.ok) {
        applyFieldErrors(form, result.fieldErrors);
        return setError(result.formError ?? "Not decided.");
      }
      setDone(`Request ${result.data.status === "GRANTED" ? "granted" : "denied"}; the member has been told.`);
      router.refresh();
    })();
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
