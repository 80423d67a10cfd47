"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { closeSurveillanceCase, reviewFiling } from "@/lib/server/filings/actions";
import { closeCaseSchema, reviewFilingSchema } from "@/lib/validation/filing";
import { FieldError } from "@/components/ui/FieldError";
import { useActionCall } from "@/components/ui/call-action";

export function ReviewFilingForm({ filingId, version }: { filingId: string; version: number }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<z.input<typeof reviewFilingSchema>>({ resolver: zodResolver(reviewFilingSchema), defaultValues: { filingId, decision: "ACCEPT", message: "" } });
  const submit = (decision: "ACCEPT" | "QUERY") =>
    form.handleSubmit(async (v) => {
      setError(null);
      const result = await call(reviewFiling, { ...v, decision });
      if (result.ok) {
        setDone(decision === "ACCEPT" ? `Version ${version} accepted.` : `Version ${version} queried; the member was e-mailed.`);
        form.reset({ filingId, decision: "ACCEPT", message: "" });
        router.refresh();
      } else {
        setError(result.formError ?? "Not saved.");
        if (result.fieldErrors?.message) form.setError("message", { message: result.fieldErrors.message.join(" ") });
      }
    });
  return (
    <form className="rounded border border-slate-200 bg-white p-4" noValidate onSubmit={(e) => e.preventDefault()}>
      <h2 className="font-semibold">Review version {version}</h2>
      <label htmlFor="review-message" className="mt-2 block text-sm font-medium">Message to the member (required for a query)</label>
      <textarea id="review-message" rows={3} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register("message")} />
      <FieldError message={form.formState.errors.message?.message} />
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={(e) => { form.setValue("decision", "ACCEPT"); void submit("ACCEPT")(e); }} className="rounded bg-green-800 px-3 py-1.5 text-sm text-white">Accept</button>
        <button type="button" onClick={(e) => { form.setValue("decision", "QUERY"); void submit("QUERY")(e); }} className="rounded bg-amber-700 px-3 py-1.5 text-sm text-white">Query</button>
      </div>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
      {done ? <p role="status" className="mt-2 text-sm text-green-800">{done}</p> : null}
    </form>
  );
}

export function CloseCaseForm({ caseId }: { caseId: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.input<typeof closeCaseSchema>>({ resolver: zodResolver(closeCaseSchema), defaultValues: { caseId, reason: "" } });
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    const result = await call(closeSurveillanceCase, v);
    if (result.ok) router.refresh();
    else {
      setError(result.formError ?? "Not closed.");
      if (result.fieldErrors?.reason) form.setError("reason", { message: result.fieldErrors.reason.join(" ") });
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 flex flex-wrap items-start gap-2">
      <div>
        <label htmlFor={`close-${caseId}`} className="sr-only">Reason for closing</label>
        <input id={`close-${caseId}`} placeholder="Reason for closing" className="w-80 rounded border border-slate-300 px-2 py-1 text-sm" {...form.register("reason")} />
        <FieldError message={form.formState.errors.reason?.message} />
      </div>
      <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm">Close case</button>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
