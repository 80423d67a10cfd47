"use client";

import type { z } from "zod";
import { formatUsd } from "@/components/format";
import { FieldError } from "@/components/ui/FieldError";
import { SecondFactorCodeField } from "@/components/ui/SecondFactorCodeField";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionForm } from "@/components/ui/useActionForm";
import { runWaterfall } from "@/lib/server/default-management/actions";
import { runWaterfallSchema } from "@/lib/validation/default-management";

type Values = z.input<typeof runWaterfallSchema>;
const FIELDS = [
  ["house", "House loss"],
  ["customerSegregated", "Customer segregated loss"],
  ["customerSecured", "Customer secured (30.7) loss"],
  ["customerClearedSwaps", "Cleared swaps customer loss"],
  ["otherAssets", "Defaulter's other assets"],
] as const;

/** The realised loss by account class and the defaulter's other assets; runs the Rule 802.B.1 waterfall once. */
export function RunWaterfallForm({ defaultId }: { defaultId: string }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: runWaterfallSchema,
    defaultValues: { defaultId, loss: { house: "", customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "" }, secondFactorCode: "" } satisfies Values,
    action: runWaterfall,
    refused: "Not run.",
    done: (data) => `Waterfall run: uncovered ${formatUsd(data.uncovered)}; ${data.notices} notice(s) issued.`,
  });
  const errors = form.formState.errors.loss;
  return (
    <form onSubmit={onSubmit} className={formBox} aria-label="Run the waterfall" noValidate>
      <h3 className="font-semibold">Run the waterfall</h3>
      <p className="text-sm text-slate-600">
        Enter the realised loss of the default by account class (dollars and cents; empty means none) and the defaulter&apos;s other assets available (Rule 802.A.2). Customer collateral covers only its own class&apos;s loss (802.G). The waterfall is run once; it applies the guaranty fund used and issues the replenishment and assessment notices.
      </p>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        {FIELDS.map(([key, label]) => (
          <div key={key}>
            <label className="text-sm">{label}<input inputMode="decimal" className={`${formInput} block w-44`} {...form.register(`loss.${key}`)} /></label>
            <FieldError message={errors?.[key]?.message} />
          </div>
        ))}
      </div>
      <div className="mt-2"><SecondFactorCodeField id={`waterfall-code-${defaultId}`} {...form.register("secondFactorCode")} error={form.formState.errors.secondFactorCode?.message} /></div>
      <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Run the waterfall</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}
