"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { updateSettingSchema, type UpdateSettingInput } from "@/lib/settings/schema";
import { updateSetting } from "@/lib/server/settings/actions";
import { FieldError } from "@/components/ui/FieldError";
import type { SettingKind } from "@/lib/settings/definitions";
import { useActionCall } from "@/components/ui/call-action";

export function SettingForm(props: { settingKey: string; label: string; source: string; kind: SettingKind; value: string; isDefault: boolean }) {
  const call = useActionCall();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<UpdateSettingInput>({
    resolver: zodResolver(updateSettingSchema),
    defaultValues: { key: props.settingKey, value: props.value, reason: "" },
  });
  const long = props.kind === "dateList" || props.kind === "stringList";
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await call(updateSetting, values);
    if (result.ok) {
      setMessage({ ok: true, text: "Saved." });
      reset({ key: props.settingKey, value: result.data.value, reason: "" });
      return;
    }
    for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
      if (field === "value" || field === "reason") setError(field, { message: errors.join(" ") });
    }
    setMessage({ ok: false, text: result.formError ?? "Not saved." });
  });
  return (
    <form onSubmit={onSubmit} className="rounded border border-slate-200 bg-white p-4" aria-label={props.label} noValidate>
      <input type="hidden" {...register("key")} />
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-72 flex-1">
          <label htmlFor={`v-${props.settingKey}`} className="block text-sm font-medium">{props.label}</label>
          <p className="text-xs text-slate-500">{props.source}{props.isDefault ? " · default" : ""}</p>
          {long ? (
            <textarea id={`v-${props.settingKey}`} rows={3} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" {...register("value")} />
          ) : (
            <input id={`v-${props.settingKey}`} className="mt-1 w-40 rounded border border-slate-300 px-2 py-1 text-right font-mono" {...register("value")} />
          )}
          <FieldError message={formState.errors.value?.message} />
        </div>
        <div className="min-w-64 flex-1">
          <label htmlFor={`r-${props.settingKey}`} className="block text-sm font-medium">Reason for the change</label>
          <input id={`r-${props.settingKey}`} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...register("reason")} />
          <FieldError message={formState.errors.reason?.message} />
        </div>
        <button type="submit" disabled={formState.isSubmitting} className="mt-5 rounded bg-blue-800 px-3 py-1.5 text-sm text-white disabled:opacity-60">Save</button>
      </div>
      {message ? <p role={message.ok ? "status" : "alert"} className={`mt-2 text-sm ${message.ok ? "text-green-700" : "text-red-700"}`}>{message.text}</p> : null}
    </form>
  );
}
