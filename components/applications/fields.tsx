"use client";

import { createContext, useContext } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { FieldError } from "@/components/ui/FieldError";
import { DOLLAR_FIELDS, FIELD_LABELS } from "@/lib/applications/labels";

/** The step being edited and the fields the clearing house asked to change. */
export const StepContext = createContext<{ step: string; requested: ReadonlySet<string> }>({ step: "", requested: new Set() });

type Form = UseFormReturn<FieldValues>;

function errorAt(form: Form, name: string): string | undefined {
  let node: unknown = form.formState.errors;
  for (const part of name.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

function useLabel(name: string, label?: string) {
  const { step, requested } = useContext(StepContext);
  const key = `${step}.${name}`;
  return { text: label ?? FIELD_LABELS[key] ?? name, dollars: DOLLAR_FIELDS.has(key), requested: requested.has(key) || requested.has(step), id: `f-${step}-${name.replace(/\./g, "-")}` };
}

function Requested({ on }: { on: boolean }) {
  return on ? <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-800">change requested</span> : null;
}

export function TextField({ form, name, label, hint, className }: { form: Form; name: string; label?: string; hint?: string; className?: string }) {
  const l = useLabel(name, label);
  return (
    <div className={className}>
      <label htmlFor={l.id} className="block text-sm font-medium">{l.text}{l.dollars ? <span className="font-normal text-slate-500"> (US dollars)</span> : null}<Requested on={l.requested} /></label>
      <input id={l.id} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register(name)} />
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      <FieldError message={errorAt(form, name)} />
    </div>
  );
}

export function CheckField({ form, name, label }: { form: Form; name: string; label?: string }) {
  const l = useLabel(name, label);
  return (
    <div>
      <label htmlFor={l.id} className="flex items-center gap-2 text-sm">
        <input id={l.id} type="checkbox" {...form.register(name)} />
        {l.text}
        <Requested on={l.requested} />
      </label>
      <FieldError message={errorAt(form, name)} />
    </div>
  );
}

export function SelectField({ form, name, label, options }: { form: Form; name: string; label?: string; options: readonly (readonly [string, string])[] }) {
  const l = useLabel(name, label);
  return (
    <div className="min-w-0">
      <label htmlFor={l.id} className="block text-sm font-medium">{l.text}<Requested on={l.requested} /></label>
      {/* full width of its cell: in a row of fields a long option must not run under the next field */}
      <select id={l.id} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register(name)}>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
      <FieldError message={errorAt(form, name)} />
    </div>
  );
}

export const TRI_OPTIONS = [["unknown", "Not known yet"], ["yes", "Yes"], ["no", "No"]] as const;

export function ErrorAt({ form, name }: { form: Form; name: string }) {
  return <FieldError message={errorAt(form, name)} />;
}
