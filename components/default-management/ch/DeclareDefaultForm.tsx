"use client";

import Link from "next/link";
import { useState } from "react";
import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { SecondFactorCodeField } from "@/components/ui/SecondFactorCodeField";
import { formBox, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionForm } from "@/components/ui/useActionForm";
import { declareMemberDefault } from "@/lib/server/default-management/actions";
import { declareDefaultSchema } from "@/lib/validation/default-management";
import type { FirmChoice } from "./form-errors";

type Values = z.input<typeof declareDefaultSchema>;
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

/** Declares an active member in default (Rule 802) after its code is typed to confirm. */
export function DeclareDefaultForm({ firms }: { firms: readonly FirmChoice[] }) {
  const [declared, setDeclared] = useState<string | null>(null);
  const codeOf = (id: string) => firms.find((f) => f.id === id)?.code ?? "";
  const empty: Values = { firmId: "", firmCode: "", confirmation: "", reason: "", secondFactorCode: "" };
  const { form, onSubmit, error, done } = useActionForm({
    schema: declareDefaultSchema,
    defaultValues: empty,
    action: declareMemberDefault,
    refused: "Not declared.",
    done: (data, values) => `Declared ${codeOf(values.firmId)} in default. Cooling-off period (Rule 802.H): ${day(data.coolingOff.start)} to ${day(data.coolingOff.end)}. Every member has been notified.`,
    after: (data, _values, f) => {
      setDeclared(data.id);
      f.reset(empty);
    },
  });
  return (
    <form onSubmit={onSubmit} className={`${formBox} border-red-300`} aria-label="Declare a default" noValidate>
      <h3 className="font-semibold">Declare a default</h3>
      <p className="text-sm text-slate-600">
        Declaring a member in default (Rule 802) suspends it, starts or extends the cooling-off period (802.H: to the 5th business day after the default) and posts the notice to every member. It cannot be undone here.
      </p>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <div>
          <label className="block text-sm" htmlFor="declare-default-member">Member</label>
          <select id="declare-default-member" className={`${formInput} block text-sm`} {...form.register("firmId", { onChange: (e: React.ChangeEvent<HTMLSelectElement>) => form.setValue("firmCode", codeOf(e.target.value)) })}>
            <option value="">Choose a member</option>
            {firms.map((f) => <option key={f.id} value={f.id}>{f.code} · {f.legalName}</option>)}
          </select>
          <FieldError message={form.formState.errors.firmId?.message} />
        </div>
        <div>
          <label className="text-sm">Type the member&apos;s code to confirm<input className={`${formInput} block w-40 font-mono`} autoComplete="off" {...form.register("confirmation")} /></label>
          <FieldError message={form.formState.errors.confirmation?.message} />
        </div>
      </div>
      <div className="mt-2">
        <label className="block text-sm">Reason<textarea rows={2} className={`${formInput} block w-full`} placeholder="The failure to discharge an obligation, or the insolvency event" {...form.register("reason")} /></label>
        <FieldError message={form.formState.errors.reason?.message} />
      </div>
      <SecondFactorCodeField id="declare-default-code" {...form.register("secondFactorCode")} error={form.formState.errors.secondFactorCode?.message} />
      <button type="submit" className="mt-2 rounded bg-red-800 px-3 py-1.5 text-sm text-white disabled:opacity-50" disabled={form.formState.isSubmitting}>Declare the default</button>
      <FormStatus error={error} done={done} />
      {done && declared ? <p className="text-sm"><Link className="text-blue-800 underline" href={`/ch/default-management/defaults/${declared}`}>Open the default</Link></p> : null}
    </form>
  );
}
