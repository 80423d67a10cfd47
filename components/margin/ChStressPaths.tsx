"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionCall } from "@/components/ui/call-action";
import { createStressPath, setStressPathStatus } from "@/lib/server/stress-path/actions";
import { createStressPathSchema } from "@/lib/validation/stress-path";

const fields = createStressPathSchema.omit({ csv: true });

/** Risk staff: a new stress path from a CSV file, saved as a draft. */
export function CreateStressPathForm() {
  const call = useActionCall();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<z.input<typeof fields>>({ resolver: zodResolver(fields), defaultValues: { name: "", description: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setCsvError(null);
    setDone(null);
    if (!file) return setCsvError("Choose a CSV file");
    const result = await call(createStressPath, { name: values.name, description: values.description ?? "", csv: await file.text() });
    if (!result.ok) {
      setCsvError(result.fieldErrors?.csv?.[0] ?? null);
      if (result.fieldErrors?.name?.[0]) form.setError("name", { message: result.fieldErrors.name[0] });
      return setError(result.formError ?? "Not saved.");
    }
    setDone(`Saved "${values.name}" as a draft: ${result.data.days} days, ${result.data.moves} moves. Publish it to show it to members.`);
    form.reset();
    setFile(null);
    setFileKey((k) => k + 1);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className={formBox} aria-label="Create a stress path" noValidate>
      <h2 className="font-semibold">Create a stress path from CSV</h2>
      <p className="text-xs text-slate-600">Columns: <code>day,product,price_change_percent,scan_range_multiplier</code> (the last optional): one row per day (1 to 20) and product, the percent change from the previous day&apos;s price, and the product&apos;s scan ranges × the multiplier from that day on.</p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">Name<input className={`${formInput} block`} {...form.register("name")} /></label>
        <label className="text-sm">Description<input className={`${formInput} block w-96`} {...form.register("description")} /></label>
        <label className="text-sm">Path CSV<input key={fileKey} type="file" accept=".csv,text/csv" className="mt-1 block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
        <button type="submit" className={formButton} disabled={form.formState.isSubmitting}>Save as draft</button>
      </div>
      <FieldError message={form.formState.errors.name?.message} />
      <FieldError message={form.formState.errors.description?.message} />
      <FieldError message={csvError ?? undefined} />
      <FormStatus error={error} done={done} />
    </form>
  );
}

/** Publish or withdraw one path. */
export function StressPathStatusButton({ pathId, name, to }: { pathId: string; name: string; to: "PUBLISHED" | "WITHDRAWN" }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 text-sm"
        aria-label={`${to === "PUBLISHED" ? "Publish" : "Withdraw"} ${name}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await call(setStressPathStatus, { pathId, status: to });
          setBusy(false);
          if (!result.ok) return setError(result.formError ?? "Not changed.");
          router.refresh();
        }}
      >
        {to === "PUBLISHED" ? "Publish" : "Withdraw"}
      </button>
      {error ? <span role="alert" className="ml-2 text-sm text-red-700">{error}</span> : null}
    </span>
  );
}
