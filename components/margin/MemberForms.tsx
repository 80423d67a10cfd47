"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { D } from "@/lib/risk/money";
import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formButton, formInput } from "@/components/ui/form-styles";
import { requestCollateral, uploadPositions } from "@/lib/server/margin/actions";
import { COLLATERAL_TYPES } from "@/lib/risk/collateral";
import { collateralRequestSchema } from "@/lib/validation/margin";
import { uploadFile } from "./upload";
import { useActionCall } from "@/components/ui/call-action";

const input = formInput;
const button = formButton;

export function CollateralRequestForm({ accounts, haircuts }: { accounts: readonly { id: string; accountNumber: string }[]; haircuts: Record<string, string> }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<z.input<typeof collateralRequestSchema>>({ resolver: zodResolver(collateralRequestSchema), defaultValues: { accountId: accounts[0]?.id ?? "", kind: "POST", type: "cash", marketValue: "" } });
  const type = useWatch({ control: form.control, name: "type" });
  const marketValue = useWatch({ control: form.control, name: "marketValue" });
  // The preview is exact too: the haircut is rounded up to the cent, as the clearing house values it.
  const mv = /^\d+(\.\d{1,2})?$/.test(String(marketValue ?? "")) ? new D(String(marketValue)) : new D(0);
  const rate = new D(haircuts[type] ?? "0");
  const afterHaircut = mv.minus(mv.times(rate).toDecimalPlaces(2, D.ROUND_UP));
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const r = await call(requestCollateral, values);
    if (!r.ok) {
      for (const [k, v] of Object.entries(r.fieldErrors ?? {})) form.setError(k as keyof typeof values, { message: v.join(" ") });
      return setError(r.formError ?? "Not requested.");
    }
    setDone("Request sent; the clearing house approves it.");
    form.reset({ ...values, marketValue: "" });
    router.refresh();
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} className="rounded border border-slate-200 bg-white p-4" aria-label="Collateral request" noValidate>
      <h3 className="font-semibold">Post or withdraw collateral</h3>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <label className="text-sm">Account<select className={`${input} block`} {...form.register("accountId")}>{accounts.map((a) => <option key={a.id} value={a.id}>{a.accountNumber}</option>)}</select><FieldError message={e.accountId?.message} /></label>
        <label className="text-sm">Request<select className={`${input} block`} {...form.register("kind")}><option value="POST">Post</option><option value="WITHDRAW">Withdraw</option></select></label>
        <label className="text-sm">Type<select className={`${input} block`} {...form.register("type")}>{COLLATERAL_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}</select></label>
        <label className="text-sm">Market value (USD)<input className={`${input} block`} {...form.register("marketValue")} /><FieldError message={e.marketValue?.message} /></label>
      </div>
      <p className="mt-1 text-sm text-slate-600" data-testid="collateral-valuation">Haircut {rate.times(100).toFixed(1)}%: counts {afterHaircut.toFixed(2)} after haircut.</p>
      <button type="submit" className={`${button} mt-2`} disabled={form.formState.isSubmitting}>Send request</button>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
      {done ? <p role="status" className="mt-2 text-sm text-green-800">{done}</p> : null}
    </form>
  );
}

export function PositionUploadForm() {
  const call = useActionCall();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    setDone(null);
    if (!file) return setError("Choose a CSV file.");
    setBusy(true);
    const up = await uploadFile(file, "margin-feed");
    const r = up.ok ? await call(uploadPositions, { fileId: up.id }) : null;
    setBusy(false);
    if (!up.ok) return setError(up.message);
    if (!r!.ok) return setError(r!.formError ?? "Not loaded.");
    setDone(`Loaded ${r!.data.count} ${r!.data.kind}.`);
    router.refresh();
  };
  return (
    <form onSubmit={submit} className="rounded border border-slate-200 bg-white p-4" aria-label="Upload positions or trades">
      <h3 className="font-semibold">Upload positions or trades (CSV)</h3>
      <p className="text-sm text-slate-600">Positions: <code>account,contract,quantity</code> (end-of-day quantities; 0 closes). Trades: <code>account,contract,quantity,trade_id,price</code>. Also through the API with your firm&apos;s key: <code>POST /api/margin/feed</code>.</p>
      <input type="file" accept=".csv" className="mt-2 block text-sm" aria-label="Positions or trades file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <button type="submit" className={`${button} mt-2`} disabled={busy}>Upload</button>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
      {done ? <p role="status" className="mt-2 text-sm text-green-800">{done}</p> : null}
    </form>
  );
}
