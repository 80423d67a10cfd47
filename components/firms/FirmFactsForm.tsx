"use client";

import type { FieldValues, UseFormReturn } from "react-hook-form";
import { CheckField, SelectField, TextField } from "@/components/applications/fields";
import { formBox, formButton } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionForm } from "@/components/ui/useActionForm";
import { FIELD_LABELS } from "@/lib/applications/labels";
import { updateFirmFacts } from "@/lib/server/firms/actions";
import { firmFactsSchema, type FirmFactsInput } from "@/lib/validation/firms";

const REGISTRATIONS = [["isBank", "firm.isBank"], ["fcmRegistered", "firm.fcmRegistered"], ["brokerDealer", "firm.brokerDealer"]] as const;
const SCOPE = [["agriculturalOtc", "scope.agriculturalOtc"], ["otherBaseOtc", "scope.otherBaseOtc"], ["irs", "scope.irs"], ["cds", "scope.cds"], ["guaranteesNymexFloorMembers", "scope.guaranteesNymexFloorMembers"]] as const;
const HEDGE_FUND_OPTIONS = [["none", "Not a hedge fund"], ["fund", "The hedge fund itself"], ["investment-manager", "A hedge fund's investment manager"]] as const;

/** The clearing house's form for a member's registrations, product scope and hedge fund status (with a reason). */
export function FirmFactsForm({ facts }: { facts: Omit<FirmFactsInput, "reason"> }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: firmFactsSchema,
    defaultValues: { ...facts, reason: "" },
    action: updateFirmFacts,
    refused: "Not changed.",
    done: (data) => `Changed ${data.changed.length} fact${data.changed.length === 1 ? "" : "s"} of ${data.firmCode}: ${data.changed.map((k) => FIELD_LABELS[`firm.${k}`] ?? FIELD_LABELS[`scope.${k}`] ?? k).join("; ")}. Its next filing is assessed on them.`,
    after: (_data, values, f) => f.reset({ ...values, reason: "" }),
  });
  const f = form as unknown as UseFormReturn<FieldValues>;
  return (
    <form onSubmit={onSubmit} className={formBox} aria-label="Change the member's facts" noValidate>
      <h3 className="font-semibold">Change the member&apos;s facts</h3>
      <input type="hidden" {...form.register("firmCode")} />
      <p className="text-sm text-slate-600">Minimum capital and the reports the member files depend on these (002 Summary of Requirements). Filings already made keep the figures they were assessed with.</p>
      <div className="mt-3 grid gap-4 md:grid-cols-3">
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Registrations</legend>
          {REGISTRATIONS.map(([name, key]) => <CheckField key={name} form={f} name={name} label={FIELD_LABELS[key]} />)}
          <SelectField form={f} name="hedgeFundRole" label={FIELD_LABELS["firm.hedgeFundRole"]} options={HEDGE_FUND_OPTIONS} />
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">OTC products cleared</legend>
          {SCOPE.map(([name, key]) => <CheckField key={name} form={f} name={name} label={FIELD_LABELS[key]} />)}
        </fieldset>
        <TextField form={f} name="reason" label="Reason (kept in the audit trail)" />
      </div>
      <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Change facts</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}
