"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionButton, useActionForm } from "@/components/ui/useActionForm";
import { uploadFile } from "@/components/margin/upload";
import { acknowledgeGfNotice, issueGfRecalculation, previewGfRecalculation, recordGfDeposit } from "@/lib/server/guaranty-fund/actions";
import { recordDepositSchema } from "@/lib/validation/guaranty-fund";
import { businessDate } from "@/lib/validation/margin";

const box = formBox;
const input = formInput;
const button = formButton;


const recalculationForm = z.object({ kind: z.enum(["QUARTERLY", "INTERIM"]), asOf: businessDate, noticeDate: businessDate, entered: z.string() });

/** Runs a recalculation into a preview (nothing is issued until the preview is reviewed). */
export function RecalculationForm({ defaultAsOf, defaultNoticeDate }: { defaultAsOf: string; defaultNoticeDate: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.infer<typeof recalculationForm>>({ resolver: zodResolver(recalculationForm), defaultValues: { kind: "QUARTERLY", asOf: defaultAsOf, noticeDate: defaultNoticeDate, entered: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    let fileId: string | undefined;
    if (file) {
      const up = await uploadFile(file, "gf-stress-results");
      if (!up.ok) return setError(up.message);
      fileId = up.id;
    }
    const result = await previewGfRecalculation({ kind: values.kind, asOf: values.asOf, noticeDate: values.noticeDate, fileId, entered: file ? undefined : values.entered });
    if (!result.ok) {
      for (const k of ["asOf", "noticeDate", "entered"] as const) if (result.fieldErrors?.[k]) form.setError(k, { message: result.fieldErrors[k].join(" ") });
      return setError(result.formError ?? "Not calculated.");
    }
    router.push(`/ch/guaranty-fund/recalculations/${result.data.id}`);
  });
  return (
    <form onSubmit={onSubmit} className={box} aria-label="Run a recalculation" noValidate>
      <h3 className="font-semibold">Run a recalculation</h3>
      <p className="text-sm text-slate-600">
        Stress results as CSV with columns <code>member,scenario,stress_loss</code> (member code; a gain is negative). Every member listed needs a row in every
        scenario; members not listed have no stress loss. One bad row refuses the whole file. You will see a preview before any notice is issued.
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">Kind
          <select className={`${input} block`} {...form.register("kind")}>
            <option value="QUARTERLY">Quarterly</option>
            <option value="INTERIM">Interim</option>
          </select>
        </label>
        <label className="text-sm">Calculation date<input className={`${input} block`} {...form.register("asOf")} /></label>
        <label className="text-sm">Notice date<input className={`${input} block`} {...form.register("noticeDate")} /></label>
        <label className="text-sm">Stress results file (CSV)<input type="file" accept=".csv" className="mt-1 block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
      </div>
      <FieldError message={form.formState.errors.asOf?.message} />
      <FieldError message={form.formState.errors.noticeDate?.message} />
      <label className="mt-2 block text-sm">Or enter stress results
        <textarea rows={5} className={`${input} block w-full font-mono text-xs`} placeholder={"member,scenario,stress_loss\nACME,crash,9000000"} {...form.register("entered")} />
      </label>
      <FieldError message={form.formState.errors.entered?.message} />
      <button type="submit" className={`${button} mt-2`} disabled={form.formState.isSubmitting}>Calculate preview</button>
      <FormStatus error={error} done={null} />
    </form>
  );
}

export function IssueNoticesButton({ recalculationId, members }: { recalculationId: string; members: number }) {
  const { run: issue, busy, error, done } = useActionButton({
    action: () => issueGfRecalculation({ recalculationId }),
    refused: "Not issued.",
    done: (data) => `Issued ${data.notices} notices.`,
  });
  return (
    <div>
      <button type="button" className={button} disabled={busy} onClick={issue}>Issue notices to {members} members</button>
      <FormStatus error={error} done={done} />
    </div>
  );
}

export function DepositForm({ firms, today }: { firms: readonly { code: string; name: string }[]; today: string }) {
  const { form, onSubmit, error, done } = useActionForm({
    schema: recordDepositSchema,
    defaultValues: { firmCode: firms[0]?.code ?? "", kind: "DEPOSIT", amount: "", valueDate: today, reference: "" },
    action: recordGfDeposit,
    refused: "Not recorded.",
    done: (data, values) => `Recorded. ${values.firmCode} now has $${data.balance} on deposit${data.settled ? `; ${data.settled} notice(s) met` : ""}.`,
    after: (_data, values, f) => f.reset({ ...values, amount: "", reference: "" }),
  });
  return (
    <form onSubmit={onSubmit} className={box} aria-label="Record a deposit or withdrawal" noValidate>
      <h3 className="font-semibold">Record a deposit or withdrawal</h3>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">Member
          <select className={`${input} block`} {...form.register("firmCode")}>
            {firms.map((f) => <option key={f.code} value={f.code}>{f.code} · {f.name}</option>)}
          </select>
        </label>
        <label className="text-sm">Movement
          <select className={`${input} block`} {...form.register("kind")}>
            <option value="DEPOSIT">Deposit</option>
            <option value="WITHDRAWAL">Withdrawal</option>
          </select>
        </label>
        <label className="text-sm">Amount (USD)<input className={`${input} block`} {...form.register("amount")} /></label>
        <label className="text-sm">Value date<input className={`${input} block`} {...form.register("valueDate")} /></label>
        <label className="text-sm">Reference<input className={`${input} block`} {...form.register("reference")} /></label>
        <button type="submit" className={button} disabled={form.formState.isSubmitting}>Record</button>
      </div>
      <FieldError message={form.formState.errors.amount?.message} />
      <FieldError message={form.formState.errors.valueDate?.message} />
      <FieldError message={form.formState.errors.reference?.message} />
      <FormStatus error={error} done={done} />
    </form>
  );
}

export function AcknowledgeButton({ noticeId }: { noticeId: string }) {
  const { run, busy, error, done } = useActionButton({ action: () => acknowledgeGfNotice({ noticeId }), refused: "Not acknowledged.", done: () => "Acknowledged." });
  return (
    <div>
      <button type="button" className={button} disabled={busy} onClick={run}>Acknowledge this notice</button>
      <FormStatus error={error} done={done} />
    </div>
  );
}
