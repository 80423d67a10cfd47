"use client";

import type { InputHTMLAttributes } from "react";
import { FieldError } from "./FieldError";
import { formInput } from "./form-styles";

/**
 * The "Second-factor code" field of the most dangerous actions (step-up, ASVS 7.5.3): the kill
 * switch, declaring a default, running the waterfall, approving a membership. The action checks
 * the code against the user's authenticator (lib/server/action.ts `stepUp`); its refusal comes
 * back as the field error of `secondFactorCode`. Pass react-hook-form's `register(...)` or
 * `value`/`onChange`.
 */
export function SecondFactorCodeField({ id, error, ...input }: { id: string; error?: string | string[] } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">Second-factor code</label>
      <input
        id={id}
        className={`${formInput} block w-32 font-mono`}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={8}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        {...input}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">The 6-digit code your authenticator app shows now.</p>
      <FieldError message={error} />
    </div>
  );
}
