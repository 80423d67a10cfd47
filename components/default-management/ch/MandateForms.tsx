"use client";

import { useWatch } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionButton, useActionForm } from "@/components/ui/useActionForm";
import { notifyMandatedBidders, previewMandatedBidders } from "@/lib/server/default-management/actions";
import { previewMandateSchema } from "@/lib/validation/default-management";
import type { FirmChoice } from "./form-errors";

type Values = z.input<typeof previewMandateSchema>;

/** Runs the Rule 914 selection for one category into a preview (nobody is told until it is notified). */
export function MandatePreviewForm({ categoryId, categoryCode, firms, mandatedCount, notCapable }: { categoryId: string; categoryCode: string; firms: readonly FirmChoice[]; mandatedCount: number; notCapable: readonly string[] }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: previewMandateSchema,
    defaultValues: { categoryId, mandatedCount: String(mandatedCount), notCapable: notCapable.filter((id) => firms.some((f) => f.id === id)) } satisfies Values,
    action: previewMandatedBidders,
    refused: "Not run.",
    done: (data) => `Preview ready: ${data.mandated.length ? `mandated ${data.mandated.join(", ")}` : "no member mandated"}. Review it below, then notify the selected members.`,
  });
  const checked = useWatch({ control: form.control, name: "notCapable" }) ?? [];
  const toggle = (id: string, on: boolean) => form.setValue("notCapable", on ? [...checked.filter((x) => x !== id), id] : checked.filter((x) => x !== id));
  return (
    <form onSubmit={onSubmit} className={formBox} aria-label={`Select mandated bidders for ${categoryCode}`} noValidate>
      <h4 className="font-semibold">Run the selection</h4>
      <div className="mt-2 flex flex-wrap items-end gap-6">
        <div>
          <label className="text-sm">Mandated count<input type="number" min={1} max={50} className={`${formInput} block w-24`} {...form.register("mandatedCount")} /></label>
          <FieldError message={form.formState.errors.mandatedCount?.message} />
        </div>
        <fieldset className="text-sm">
          <legend>Not assessed as capable (Rule 914.C)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {firms.map((f) => (
              <label key={f.id} className="inline-flex items-center gap-1" title={f.legalName}>
                <input type="checkbox" checked={checked.includes(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} aria-label={`${f.code} not capable`} />
                {f.code}
              </label>
            ))}
          </div>
          <FieldError message={form.formState.errors.notCapable?.message} />
        </fieldset>
      </div>
      <FieldError message={form.formState.errors.categoryId?.message} />
      <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Preview the selection</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}

/** Makes a previewed selection the category's roster and tells each mandated member. */
export function NotifyMandateButton({ selectionId, mandated, notified }: { selectionId: string; mandated: number; notified: boolean }) {
  const { run: notify, busy, error, done } = useActionButton({
    action: (call) => notifyMandatedBidders({ selectionId }, call),
    refused: "Not notified.",
    done: (data) => `Notified ${data.notified} mandated member(s); this selection is now the roster.`,
  });
  // Stays mounted once the page refreshes after notifying, so its status line stays.
  if (notified && !done) return null;
  return (
    <div>
      {notified ? null : (
        <>
          <button type="button" className={formButton} disabled={busy} onClick={notify}>Notify the selected members</button>
          <span className="ml-2 text-sm text-slate-600">{mandated} mandated in this preview.</span>
        </>
      )}
      <FormStatus error={error} done={done} />
    </div>
  );
}
