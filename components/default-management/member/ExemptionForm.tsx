"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { uploadFile } from "@/components/margin/upload";
import { requestBiddingExemption } from "@/lib/server/default-management/actions";
import { exemptionRequestSchema } from "@/lib/validation/default-management";
import { useActionCall } from "@/components/ui/call-action";

const EVIDENCE_MISSING = "Upload the evidence (PDF, XLSX or CSV)";

/** The shared schema, with the evidence as the chosen file: it is uploaded first, then its id is sent. */
const formSchema = exemptionRequestSchema.omit({ evidenceFileId: true }).extend({
  evidence: z
    .custom<FileList>((v) => typeof v === "object" && v !== null && "length" in v && (v as FileList).length > 0, { message: EVIDENCE_MISSING })
    .refine((v) => /\.(pdf|xlsx|csv)$/i.test(v[0]?.name ?? ""), { message: "The evidence must be a PDF, XLSX or CSV file" }),
});

type Values = z.input<typeof formSchema>;
type Parsed = z.output<typeof formSchema>;

export interface CategoryChoice {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly mandated: boolean;
}

/** Rule 914: a mandated member asks to be exempted from mandated bidding in a category, on one of four grounds, with evidence. */
export function ExemptionForm({ categories, grounds }: { categories: readonly CategoryChoice[]; grounds: readonly (readonly [string, string])[] }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Mandated categories first: those are the ones an exemption is for.
  const ordered = [...categories].sort((a, b) => Number(b.mandated) - Number(a.mandated) || a.code.localeCompare(b.code));
  const mandated = ordered.filter((c) => c.mandated);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(formSchema),
    defaultValues: { categoryId: ordered[0]?.id ?? "", ground: undefined, explanation: "" },
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const file = values.evidence[0]!;
    const up = await uploadFile(file, "exemption-evidence");
    if (!up.ok) {
      form.setError("evidence", { message: up.message });
      return setError(`The evidence was not accepted: ${up.message} Nothing was sent.`);
    }
    const result = await call(requestBiddingExemption, { categoryId: values.categoryId, ground: values.ground, explanation: values.explanation, evidenceFileId: up.id });
    if (!result.ok) {
      for (const [k, v] of Object.entries(result.fieldErrors ?? {})) {
        const field = k === "evidenceFileId" ? "evidence" : k;
        if (field === "categoryId" || field === "ground" || field === "explanation" || field === "evidence") form.setError(field, { message: v.join(" ") });
      }
      return setError(result.formError ?? "Not sent.");
    }
    const category = categories.find((c) => c.id === values.categoryId);
    setDone(`Sent: your request for ${category?.code ?? "the category"} (with ${file.name}) is with the clearing house's risk staff. You will be told their decision; until then your firm remains a mandated bidder.`);
    form.reset({ categoryId: values.categoryId, ground: undefined, explanation: "", evidence: undefined });
    router.refresh();
  });
  if (categories.length === 0) return <p className="text-sm">No Base Product Category has been set up yet, so there is nothing to request an exemption from.</p>;
  return (
    <form onSubmit={onSubmit} className={formBox} aria-label="Request an exemption" noValidate>
      <h3 className="font-semibold">Request an exemption</h3>
      <p className="text-sm text-slate-600">
        {mandated.length
          ? `Your firm is mandated in ${mandated.map((c) => c.code).join(", ")}. `
          : "Your firm is not mandated in any category at present: a request would be refused, as there is nothing to be exempted from. "}
        The clearing house decides on the evidence; you stay a mandated bidder until it grants the request.
      </p>
      <div className="mt-2 grid gap-3 md:grid-cols-2">
        <label className="text-sm">Category
          <select className={`${formInput} block w-full`} {...form.register("categoryId")} aria-invalid={Boolean(errors.categoryId)}>
            {ordered.map((c) => <option key={c.id} value={c.id}>{c.code} · {c.name}{c.mandated ? " (mandated)" : " (not mandated)"}</option>)}
          </select>
          <FieldError message={errors.categoryId?.message} />
        </label>
        <label className="text-sm">Ground (Rule 914)
          <select className={`${formInput} block w-full`} {...form.register("ground")} aria-invalid={Boolean(errors.ground)}>
            <option value="">Choose a ground…</option>
            {grounds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <FieldError message={errors.ground?.message} />
        </label>
      </div>
      <label className="mt-2 block text-sm">Explanation
        <textarea rows={4} className={`${formInput} block w-full`} {...form.register("explanation")} aria-invalid={Boolean(errors.explanation)} />
      </label>
      <FieldError message={errors.explanation?.message} />
      <label className="mt-2 block text-sm">Evidence (PDF, XLSX or CSV)
        <input type="file" accept=".pdf,.xlsx,.csv,application/pdf,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block text-sm" {...form.register("evidence")} aria-invalid={Boolean(errors.evidence)} />
      </label>
      <FieldError message={errors.evidence?.message as string | undefined} />
      <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Send the request</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}
