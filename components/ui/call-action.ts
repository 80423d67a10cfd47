"use client";

import { unstable_rethrow } from "next/navigation";
import { useCallback, useRef } from "react";
import type { ActionCall, ActionResult } from "@/lib/server/action";

/** The refusal a form shows when its request got no answer (the connection dropped, the server went away). */
export const NO_ANSWER =
  "No answer from the clearing house: the connection failed, so it is not known whether this was saved. Try again: the same submission is sent with the same key, so it is stored at most once.";

/** A fresh idempotency key (crypto.getRandomValues works on plain-http pages too, unlike randomUUID). */
export function newSubmissionKey(prefix = "form"): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export type CallableAction<I, D> = (input: I, call?: ActionCall) => Promise<ActionResult<D>>;

/**
 * How a form calls its server action (one hook per form): each submission carries an idempotency key, kept while
 * the submission is unanswered, so sending the same input again after a lost answer reuses it
 * and the clearing house stores it once (lib/server/action.ts); a request that fails (network
 * error, server gone) is answered as a refusal with NO_ANSWER instead of rejecting, so the form
 * shows it and is enabled again.
 */
export function useActionCall() {
  const pending = useRef<{ input: string; key: string } | null>(null);
  return useCallback(async <I, D>(action: CallableAction<I, D>, input: I): Promise<ActionResult<D>> => {
    const json = JSON.stringify(input) ?? "";
    const key = pending.current?.input === json ? pending.current.key : newSubmissionKey();
    pending.current = { input: json, key };
    let result: ActionResult<D>;
    try {
      result = await action(input, { idempotencyKey: key });
    } catch (e) {
      unstable_rethrow(e); // a redirect or not-found the action asked for is the router's to handle
      console.error("[action] no answer", e);
      return { ok: false, formError: NO_ANSWER };
    }
    // Answered: the next submission, even of the same input, is a new one.
    if (pending.current?.key === key) pending.current = null;
    return result;
  }, []);
}
