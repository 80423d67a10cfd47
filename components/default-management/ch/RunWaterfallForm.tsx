"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { formatUsd } from "@/components/format";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { runWaterfall } from "@/lib/server/default-management/actions";
import { runWaterfallSchema } from "@/lib/validation/default-management";
import { applyFieldErrors } from "./form-errors";

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
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(runWaterfallSchema, undefined, { raw: true }),
    defaultValues: { defaultId, loss: { house: "", customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "" } },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const result = await runWaterfall(values);
    if (!result.ok) {
      applyFieldErrors(form, result.fieldErrors);
      return setError(result.formError ?? "Not run.");
    }
    setDone(`Waterfall run: uncovered ${formatUsd(result.data.uncovered)}; ${result.data.notices} notice(s) issued.`);
    router.refresh();
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
      <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Run the waterfall</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}
