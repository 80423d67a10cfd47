"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { addAdditionalCharge, decideCollateralRequest, endAdditionalCharge, loadRiskParameters, loadSettlementPrices, startCycle } from "@/lib/server/margin/actions";
import { additionalChargeSchema, businessDate, cycleChoice } from "@/lib/validation/margin";
import type { SpanImportReport } from "@/lib/span-xml/report";
import { SpanImportReportView } from "./SpanImportReport";
import { uploadFile } from "./upload";
import { useActionCall } from "@/components/ui/call-action";

const box = formBox;
const input = formInput;
const button = formButton;


export function LoadParametersForm({ defaultDate }: { defaultDate: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [report, setReport] = useState<SpanImportReport | null>(null);
  const form = useForm<{ businessDate: string }>({ resolver: zodResolver(z.object({ businessDate })), defaultValues: { businessDate: defaultDate } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    setReport(null);
    if (!file) return setError("Choose the SPAN file (XML, or .spn / .zip as published).");
    const up = await uploadFile(file, "span-parameters");
    if (!up.ok) return setError(up.message);
    const result = await call(loadRiskParameters, { businessDate: values.businessDate, fileId: up.id });
    if (!result.ok) return setError(result.formError ?? "Not loaded.");
    setDone(`Loaded ${result.data.contracts} contracts for ${values.businessDate}.${result.data.skipped.length ? ` Not carried over: ${result.data.skipped.length} item(s).` : ""}`);
    setReport(result.data.report);
    setFile(null);
    setFileKey((k) => k + 1);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className={box} aria-label="Load risk parameters" noValidate>
      <h3 className="font-semibold">Load risk parameters (SPAN XML)</h3>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">Business date<input className={`${input} block`} {...form.register("businessDate")} /></label>
        <label className="text-sm">SPAN file<input key={fileKey} type="file" accept=".xml,.spn,.zip" className="mt-1 block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
        <button type="submit" className={button} disabled={form.formState.isSubmitting}>Load parameters</button>
      </div>
      <FieldError message={form.formState.errors.businessDate?.message} />
      <FormStatus error={error} done={done} />
      {report ? <SpanImportReportView report={report} label="Import report" /> : null}
    </form>
  );
}

export function LoadPricesForm({ defaultDate }: { defaultDate: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<{ businessDate: string; cycle: "1" | "2" | "adhoc"; entered: string }>({
    resolver: zodResolver(z.object({ businessDate, cycle: cycleChoice, entered: z.string() })),
    defaultValues: { businessDate: defaultDate, cycle: "1", entered: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    let fileId: string | undefined;
    if (file) {
      const up = await uploadFile(file, "settlement-prices");
      if (!up.ok) return setError(up.message);
      fileId = up.id;
    }
    const result = await call(loadSettlementPrices, { businessDate: values.businessDate, cycle: values.cycle, fileId, entered: file ? undefined : values.entered });
    if (!result.ok) {
      if (result.fieldErrors?.entered) form.setError("entered", { message: result.fieldErrors.entered.join(" ") });
      return setError(result.formError ?? "Not loaded.");
    }
    setDone(`Loaded ${result.data.count} settlement prices for ${values.businessDate} ${result.data.cycle}.`);
    setFile(null);
    setFileKey((k) => k + 1);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className={box} aria-label="Load settlement prices" noValidate>
      <h3 className="font-semibold">Load settlement prices</h3>
      <p className="text-sm text-slate-600">A CSV with columns <code>contract,price</code>, or the same typed below. Every contract must be in the day&apos;s risk parameters and every price on its product&apos;s tick; one bad row refuses the whole file.</p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">Business date<input className={`${input} block`} {...form.register("businessDate")} /></label>
        <label className="text-sm">Cycle
          <select className={`${input} block`} {...form.register("cycle")}>
            <option value="1">Cycle 1</option>
            <option value="2">Cycle 2</option>
            <option value="adhoc">Ad hoc</option>
          </select>
        </label>
        <label className="text-sm">Price file (CSV)<input key={fileKey} type="file" accept=".csv" className="mt-1 block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
      </div>
      <label className="mt-2 block text-sm">Or enter prices
        <textarea rows={3} className={`${input} block w-full font-mono text-xs`} placeholder={"contract,price\nCME:OPS:202612,815.25"} {...form.register("entered")} />
      </label>
      <FieldError message={form.formState.errors.entered?.message} />
      <button type="submit" className={`${button} mt-2`} disabled={form.formState.isSubmitting}>Load prices</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}

/** Opens the cycle, runs it through the run endpoint and shows its progress until it ends. */
export function RunCycleButton({ priceSetId, label, resume }: { priceSetId: string; label: string; resume?: boolean }) {
  const call = useActionCall();
  const router = useRouter();
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    const opened = await call(startCycle, { priceSetId });
    if (!opened.ok) {
      setBusy(false);
      return setError(opened.formError ?? "Not started.");
    }
    const id = opened.data.cycleId;
    setProgress("Starting…");
    const timer = setInterval(async () => {
      const res = await fetch(`/api/margin/cycles/${id}`);
      if (res.ok) {
        const c = (await res.json()) as { processedAccounts: number; totalAccounts: number; status: string };
        setProgress(`${c.status === "COMPLETED" ? "Completed" : "Running"}: ${c.processedAccounts.toLocaleString()} of ${c.totalAccounts.toLocaleString()} accounts`);
      }
    }, 700);
    const res = await fetch(`/api/margin/cycles/${id}/run`, { method: "POST" });
    clearInterval(timer);
    const body = (await res.json().catch(() => ({}))) as { status?: string; processedAccounts?: number; totalAccounts?: number; error?: string | { message?: string }; calls?: number };
    setBusy(false);
    if (!res.ok) return setError(typeof body.error === "string" ? body.error : (body.error?.message ?? `The run stopped (${res.status}); resume it.`));
    setProgress(`Completed: ${body.processedAccounts?.toLocaleString()} of ${body.totalAccounts?.toLocaleString()} accounts; ${body.calls ?? 0} member(s) called.`);
    router.push(`/ch/margin/cycles/${id}`);
  };
  return (
    <span>
      <button type="button" className={button} disabled={busy} onClick={run}>{resume ? `Resume ${label}` : `Run ${label}`}</button>
      {progress ? <span role="status" className="ml-2 text-sm" data-testid="cycle-progress">{progress}</span> : null}
      {error ? <span role="alert" className="ml-2 text-sm text-red-700">{error}</span> : null}
    </span>
  );
}

export function AddChargeForm({ firms }: { firms: readonly { code: string; legalName: string }[] }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<z.input<typeof additionalChargeSchema>>({ resolver: zodResolver(additionalChargeSchema), defaultValues: { firmCode: "", productCode: "", side: "", amount: "", reason: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const result = await call(addAdditionalCharge, values);
    if (!result.ok) {
      for (const [k, v] of Object.entries(result.fieldErrors ?? {})) form.setError(k as keyof typeof values, { message: v.join(" ") });
      return setError(result.formError ?? "Not added.");
    }
    setDone("Charge added; it applies from the next cycle and the member was told.");
    form.reset();
    router.refresh();
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} className={box} aria-label="Add a Rule 824 charge" noValidate>
      <h3 className="font-semibold">Add an additional performance bond (Rule 824)</h3>
      <p className="text-sm text-slate-600">On the whole member (charged on its house account), a product, or one side of a product (charged on each account holding it).</p>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <label className="text-sm">Member
          <select className={`${input} block`} {...form.register("firmCode")}>
            <option value="">Choose…</option>
            {firms.map((f) => <option key={f.code} value={f.code}>{f.code}: {f.legalName}</option>)}
          </select>
          <FieldError message={e.firmCode?.message} />
        </label>
        <label className="text-sm">Product (empty: whole member)<input className={`${input} block`} placeholder="CME:EC" {...form.register("productCode")} /><FieldError message={e.productCode?.message} /></label>
        <label className="text-sm">Side
          <select className={`${input} block`} {...form.register("side")}>
            <option value="">Both</option>
            <option value="LONG">Long</option>
            <option value="SHORT">Short</option>
          </select>
          <FieldError message={e.side?.message} />
        </label>
        <label className="text-sm">Amount (USD)<input className={`${input} block`} {...form.register("amount")} /><FieldError message={e.amount?.message} /></label>
      </div>
      <label className="mt-2 block text-sm">Reason<input className={`${input} block w-full`} {...form.register("reason")} /></label>
      <FieldError message={e.reason?.message} />
      <button type="submit" className={`${button} mt-2`} disabled={form.formState.isSubmitting}>Add charge</button>
      <FormStatus error={error} done={done} />
    </form>
  );
}

export function EndChargeButton({ chargeId }: { chargeId: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button type="button" className="text-sm text-red-700 underline" onClick={async () => {
        const r = await call(endAdditionalCharge, { chargeId });
        if (!r.ok) setError(r.formError ?? "Not ended.");
        else router.refresh();
      }}>End</button>
      {error ? <span role="alert" className="ml-2 text-sm text-red-700">{error}</span> : null}
    </span>
  );
}

export function DecideCollateralButtons({ requestId }: { requestId: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const decide = async (approve: boolean) => {
    const r = await call(decideCollateralRequest, { requestId, approve, note: "" });
    if (!r.ok) setError(r.formError ?? "Not decided.");
    else router.refresh();
  };
  return (
    <span className="space-x-2">
      <button type="button" className="text-sm text-green-800 underline" onClick={() => decide(true)}>Approve</button>
      <button type="button" className="text-sm text-red-700 underline" onClick={() => decide(false)}>Reject</button>
      {error ? <span role="alert" className="text-sm text-red-700">{error}</span> : null}
    </span>
  );
}
