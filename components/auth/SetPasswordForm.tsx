"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { PASSWORD_RULE, setPasswordSchema, type SetPasswordInput } from "@/lib/validation/application";
import { FieldError } from "@/components/ui/FieldError";

/** Sets a password through a one-time invitation link. */
export function SetPasswordForm({ token }: { token: string }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const form = useForm<SetPasswordInput>({ resolver: zodResolver(setPasswordSchema), defaultValues: { token, password: "", confirm: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const res = await fetch("/api/invitation", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(values) });
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; formError?: string; fieldErrors?: Record<string, string[]> };
    if (!body.ok) {
      for (const [field, messages] of Object.entries(body.fieldErrors ?? {})) if (field === "password" || field === "confirm") form.setError(field, { message: messages.join(" ") });
      setMessage({ ok: false, text: body.formError ?? "Not saved." });
      return;
    }
    setMessage({ ok: true, text: "Your password is set. Sign in with it." });
  });
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <div>
        <label htmlFor="sp-password" className="block text-sm font-medium">New password</label>
        <input id="sp-password" type="password" autoComplete="new-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" {...form.register("password")} />
        <p className="mt-1 text-xs text-slate-500">{PASSWORD_RULE}.</p>
        <FieldError message={form.formState.errors.password?.message} />
      </div>
      <div>
        <label htmlFor="sp-confirm" className="block text-sm font-medium">Repeat the password</label>
        <input id="sp-confirm" type="password" autoComplete="new-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" {...form.register("confirm")} />
        <FieldError message={form.formState.errors.confirm?.message} />
      </div>
      {message ? <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-green-700" : "text-red-700"}`}>{message.text} {message.ok ? <a className="underline" href="/signin">Sign in</a> : null}</p> : null}
      <button type="submit" disabled={form.formState.isSubmitting || message?.ok} className="w-full rounded bg-blue-800 px-4 py-2 font-medium text-white disabled:opacity-60">Set password</button>
    </form>
  );
}
