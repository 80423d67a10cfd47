"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FieldError } from "@/components/ui/FieldError";
import { secondFactorCodeSchema, type SecondFactorCodeInput } from "@/lib/validation/auth";

export function SecondFactorForm({ callbackUrl, submitLabel }: { callbackUrl: string; submitLabel: string }) {
  const [formError, setFormError] = useState<string | undefined>();
  const { register, handleSubmit, formState, setError } = useForm<SecondFactorCodeInput>({ resolver: zodResolver(secondFactorCodeSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    let result: { ok?: boolean; error?: { field?: string; message: string } };
    try {
      const res = await fetch("/api/second-factor", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(values) });
      result = (await res.json()) as typeof result;
    } catch {
      setFormError("The portal did not answer. Try again.");
      return;
    }
    if (!result.ok) {
      if (result.error?.field === "code") setError("code", { message: result.error.message });
      else setFormError(result.error?.message ?? "The code was not accepted.");
      return;
    }
    window.location.assign(callbackUrl);
  });

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <div>
        <label htmlFor="code" className="block text-sm font-medium">Authentication code</label>
        <input id="code" inputMode="numeric" autoComplete="one-time-code" className="mt-1 w-full rounded border border-slate-300 px-3 py-2 tracking-widest" {...register("code")} />
        <FieldError message={formState.errors.code?.message} />
      </div>
      {formError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <button type="submit" disabled={formState.isSubmitting} className="w-full rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 disabled:opacity-60">
        {formState.isSubmitting ? "Checking…" : submitLabel}
      </button>
    </form>
  );
}
