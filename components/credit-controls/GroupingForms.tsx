"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { createGrouping, liftCreditBlock, updateGrouping } from "@/lib/server/credit-controls/actions";
import { createGroupingSchema, updateGroupingSchema, type UpdateGroupingInput } from "@/lib/validation/credit-controls";
import { useActionCall } from "@/components/ui/call-action";

const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1";

export function CreateGroupingForm() {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.input<typeof createGroupingSchema>>({ resolver: zodResolver(createGroupingSchema), defaultValues: { executionFirmId: "", exchange: "", productComplex: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await call(createGrouping, values);
    if (result.ok) {
      router.push(`/member/credit-controls/groupings/${result.data.id}`);
      return;
    }
    setError(result.formError ?? "Not created.");
    for (const [k, v] of Object.entries(result.fieldErrors ?? {})) form.setError(k as keyof typeof values, { message: v.join(" ") });
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} aria-label="New grouping" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4" noValidate>
      <div>
        <label htmlFor="g-ef" className="block text-sm font-medium">Executing Firm ID</label>
        <input id="g-ef" className={input} {...form.register("executionFirmId")} />
        <FieldError message={e.executionFirmId?.message} />
      </div>
      <div>
        <label htmlFor="g-ex" className="block text-sm font-medium">Exchange group</label>
        <input id="g-ex" className={input} placeholder="CME" {...form.register("exchange")} />
        <FieldError message={e.exchange?.message} />
      </div>
      <div>
        <label htmlFor="g-pc" className="block text-sm font-medium">Product complex</label>
        <input id="g-pc" className={input} placeholder="EQUITY" {...form.register("productComplex")} />
        <FieldError message={e.productComplex?.message} />
      </div>
      <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white">Create grouping</button>
      {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
      <p className="w-full text-xs text-slate-500">A new grouping starts at zero: every order in it is refused until you set a limit and reference margin rates.</p>
    </form>
  );
}

export function GroupingSettingsForm({ defaults }: { defaults: UpdateGroupingInput }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<UpdateGroupingInput>({ resolver: zodResolver(updateGroupingSchema), defaultValues: defaults });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSaved(null);
    const result = await call(updateGrouping, values);
    if (result.ok) {
      setSaved(`Saved as version ${result.data.version}.`);
      form.setValue("note", "");
      router.refresh();
      return;
    }
    setError(result.formError ?? "Not saved.");
    for (const [k, v] of Object.entries(result.fieldErrors ?? {})) form.setError(k as keyof UpdateGroupingInput, { message: v.join(" ") });
  });
  const e = form.formState.errors;
  const text = (name: keyof UpdateGroupingInput, label: string, placeholder?: string) => (
    <div>
      <label htmlFor={`s-${name}`} className="block text-sm font-medium">{label}</label>
      <input id={`s-${name}`} className={input} placeholder={placeholder} {...form.register(name)} />
      <FieldError message={e[name]?.message as string | undefined} />
    </div>
  );
  const box = (name: keyof UpdateGroupingInput, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" {...form.register(name)} /> {label}
    </label>
  );
  return (
    <form onSubmit={onSubmit} aria-label="Grouping settings" className="space-y-4 rounded border border-slate-200 bg-white p-4" noValidate>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        {text("futuresLimit", "Futures exposure limit")}
        {text("optionsLimit", "Options exposure limit")}
        <div />
        {text("clipBuyFutures", "Clip size: buy futures", "none")}
        {text("clipSellFutures", "Clip size: sell futures", "none")}
        <div />
        {text("clipBuyOptions", "Clip size: buy options", "none")}
        {text("clipSellOptions", "Clip size: sell options", "none")}
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="text-sm font-medium">Working orders counted (DAY always)</legend>
        {box("includeGtc", "Include GTC orders")}
        {box("includeGtd", "Include GTD orders")}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="text-sm font-medium">On a limit breach</legend>
        {box("actionEmail", "E-mail the risk administrators")}
        {box("actionBlock", "Block new orders")}
        {box("actionCancel", "Cancel working orders")}
      </fieldset>
      <ReferenceRatesEditor form={form} />
      {text("note", "Reason for the change")}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {saved ? <p role="status" className="text-sm text-green-800">{saved}</p> : null}
      <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white">Save settings</button>
    </form>
  );
}

export function LiftCreditBlockButton({ groupingId }: { groupingId: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="rounded border border-red-700 px-2 py-1 text-sm text-red-800"
        onClick={async () => {
          if (!window.confirm("Lift the credit-control block? Orders in this grouping are checked against its limit again.")) return;
          const result = await call(liftCreditBlock, { groupingId });
          if (result.ok) router.refresh();
          else setError(result.formError ?? "Not lifted.");
        }}
      >
        Lift credit-control block
      </button>
      {error ? <span role="alert" className="ml-2 text-sm text-red-700">{error}</span> : null}
    </span>
  );
}

/**
 * The grouping's reference margin rates as rows (type, product, rate per contract), each row
 * validated on its own; utilization multiplies a product's long or short quantity by its rate.
 */
function ReferenceRatesEditor({ form }: { form: ReturnType<typeof useForm<UpdateGroupingInput>> }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "rates" });
  const errors = form.formState.errors.rates;
  const cell = "px-2 py-1";
  return (
    <fieldset>
      <legend className="text-sm font-medium">Reference margin rates (per contract)</legend>
      {fields.length === 0 ? <p className="text-sm text-slate-600">No rates yet: every order in this grouping is refused until its product has a rate.</p> : null}
      {fields.length > 0 ? (
        <table className="mt-1 text-sm" aria-label="Reference margin rates">
          <thead className="text-left text-slate-500">
            <tr><th className={cell}>Type</th><th className={cell}>Product</th><th className={`${cell} text-right`}>Rate per contract</th><th className={cell}><span className="sr-only">Remove</span></th></tr>
          </thead>
          <tbody>
            {fields.map((f, i) => (
              <tr key={f.id} className="align-top">
                <td className={cell}>
                  <select className={input} aria-label={`Type, rate ${i + 1}`} {...form.register(`rates.${i}.derivativeType`)}>
                    <option value="FUTURE">Futures</option>
                    <option value="OPTION">Options</option>
                  </select>
                  <FieldError message={errors?.[i]?.derivativeType?.message} />
                </td>
                <td className={cell}>
                  <input className={`${input} w-28 uppercase`} aria-label={`Product, rate ${i + 1}`} placeholder="ES" {...form.register(`rates.${i}.product`)} />
                  <FieldError message={errors?.[i]?.product?.message} />
                </td>
                <td className={cell}>
                  <input className={`${input} w-36 text-right tabular-nums`} inputMode="decimal" aria-label={`Rate per contract, rate ${i + 1}`} placeholder="12000" {...form.register(`rates.${i}.rate`)} />
                  <FieldError message={errors?.[i]?.rate?.message} />
                </td>
                <td className={cell}>
                  <button type="button" className="text-sm text-red-800 underline" onClick={() => remove(i)}>Remove<span className="sr-only"> rate {i + 1}</span></button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <FieldError message={errors?.message ?? errors?.root?.message} />
      <button type="button" className="mt-1 rounded border border-slate-400 px-2 py-1 text-sm" onClick={() => append({ derivativeType: "FUTURE", product: "", rate: "" })}>Add a rate</button>
    </fieldset>
  );
}
