"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { ActionCall, ActionResult } from "@/lib/server/action";
import { useActionCall } from "./call-action";
import { useKeepConfirmation } from "./Flash";

/** Puts an action's field errors ("loss.house": [...]) next to the form's fields. */
export function applyFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, fieldErrors: Record<string, string[]> | undefined): void {
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    if (key === "_form") continue;
    form.setError(key as Path<T>, { message: messages.join(" ") });
  }
}

export interface ActionFormOptions<S extends z.ZodType<FieldValues, FieldValues>, D> {
  /** The action's own schema (lib/validation), checked in the browser before the action runs. */
  readonly schema: S;
  readonly defaultValues: DefaultValues<z.input<S>>;
  readonly action: (values: z.input<S>, call?: ActionCall) => Promise<ActionResult<D>>;
  /** The refusal shown when the action gives no message of its own, e.g. "Not closed." */
  readonly refused: string;
  /** The confirmation shown once the action is done. */
  readonly done: (data: D, values: z.input<S>) => string;
  /** What else to do once it is done (before the page's data is refreshed), e.g. reset the form. */
  readonly after?: (data: D, values: z.input<S>, form: UseFormReturn<z.input<S>>) => void;
}

/**
 * One form over one server action, the way every staff form works: the shared schema checks the
 * fields first; the action's field errors go next to the fields and its refusal under the form;
 * once done, the confirmation is shown and the page's data refreshed (and kept on the page if the
 * refresh removes the form). A request that gets no answer is refused with a message and the form
 * is enabled again; sending it again is stored once (useActionCall). Render `error` and `done`
 * with <FormStatus>.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, D>(options: ActionFormOptions<S, D>) {
  type Values = z.input<S>;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(options.schema as never, undefined, { raw: true }) as unknown as Resolver<Values>, defaultValues: options.defaultValues });
  const call = useActionCall();
  useKeepConfirmation(done);
  const run = async (values: Values) => {
    setError(null);
    setDone(null);
    const result = await call(options.action, values);
    if (!result.ok) {
      applyFieldErrors(form, result.fieldErrors);
      setError(result.formError ?? options.refused);
      return;
    }
    setDone(options.done(result.data, values));
    options.after?.(result.data, values, form);
    router.refresh();
  };
  /** Clears the outcome line, e.g. when the form is loaded with another record. */
  const clear = () => {
    setError(null);
    setDone(null);
  };
  return { form, onSubmit: form.handleSubmit(run), error, done, clear };
}

/**
 * One button over one server action with nothing to fill in (notify, issue): busy while it runs,
 * the refusal or the confirmation after (kept on the page if the refresh removes the button),
 * then the page's data refreshed; no answer is a refusal, and pressing again is stored once.
 * Render `error` and `done` with <FormStatus>.
 */
export function useActionButton<D>(options: { readonly action: (call?: ActionCall) => Promise<ActionResult<D>>; readonly refused: string; readonly done: (data: D) => string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const call = useActionCall();
  useKeepConfirmation(done);
  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await call((_none: null, key?: ActionCall) => options.action(key), null);
    setBusy(false);
    if (!result.ok) {
      setError(result.formError ?? options.refused);
      return;
    }
    setDone(options.done(result.data));
    router.refresh();
  };
  return { run, busy, error, done };
}
