import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

/** Puts an action's field errors ("loss.house": [...]) next to the form's fields. */
export function applyFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, fieldErrors: Record<string, string[]> | undefined): void {
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    if (key === "_form") continue;
    form.setError(key as Path<T>, { message: messages.join(" ") });
  }
}

export const OUTCOME_LABELS: Record<string, string> = {
  winning: "winning",
  competitive: "competitive",
  "non-competitive": "non-competitive",
  "mandated-no-bid": "mandated, no bid",
  "not-required-no-bid": "not required, no bid",
};

export interface FirmChoice {
  readonly id: string;
  readonly code: string;
  readonly legalName: string;
}
