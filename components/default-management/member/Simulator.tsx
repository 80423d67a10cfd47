"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { formatMoney } from "@/components/filings/format";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { simulateWaterfallSchema } from "@/lib/validation/default-management";

type Values = z.input<typeof simulateWaterfallSchema>;
type Parsed = z.output<typeof simulateWaterfallSchema>;

/** The simulator's answer (app/api/default-management/simulate; simulateWaterfall in the service). */
interface Simulation {
  loss: string;
  covered: string;
  uncovered: string;
  members: number;
  layers: { id: string; rule: string; description: string; capacity: string; applied: string; remainingLoss: string; yours: string | null }[];
  yours: { gfRequirement: string; gfContribution: string; guarantyFundUsed: string; assessed: string; assessmentCapacity: string; totalCharge: string } | null;
  nextSteps: string[];
}

const LOSS_FIELDS = [
  { name: "loss.house", label: "House (proprietary) loss", hint: "required for a Base loss; empty is zero" },
  { name: "loss.customerSegregated", label: "Customer segregated loss", hint: "optional" },
  { name: "loss.customerSecured", label: "Customer secured (30.7) loss", hint: "optional" },
  { name: "loss.customerClearedSwaps", label: "Cleared swaps customer loss", hint: "optional" },
  { name: "loss.otherAssets", label: "Defaulter's other assets", hint: "optional (Rule 802.A.2)" },
] as const;

const FIELDS: readonly FieldPath<Values>[] = ["defaulterFirmId", ...LOSS_FIELDS.map((f) => f.name)];

/** What a hypothetical default of another member would cost this firm, layer by layer (reads only). */
export function Simulator({ members }: { members: readonly { id: string; code: string; legalName: string }[] }) {
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Simulation | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(simulateWaterfallSchema),
    defaultValues: { defaulterFirmId: "", loss: { house: "", customerSegregated: "", customerSecured: "", customerClearedSwaps: "", otherAssets: "" } },
  });
  const errors = form.formState.errors;
  const errorOf = (name: string): string | undefined => {
    const [head, tail] = name.split(".") as [string, string | undefined];
    const e = tail ? (errors.loss as Record<string, { message?: string }> | undefined)?.[tail] : (errors as Record<string, { message?: string }>)[head];
    return e?.message;
  };
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setResult(null);
    let res: Response;
    try {
      res = await fetch("/api/default-management/simulate", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(values) });
    } catch {
      return setError("No answer from the portal; try again.");
    }
    const body = (await res.json().catch(() => ({}))) as Partial<Simulation> & { error?: { field?: string; message?: string } };
    if (!res.ok) {
      const field = body.error?.field as FieldPath<Values> | undefined;
      if (field && FIELDS.includes(field)) form.setError(field, { message: body.error?.message ?? "Not accepted" });
      return setError(`Not simulated: ${body.error?.message ?? `the portal answered ${res.status}`}.`);
    }
    setResult(body as Simulation);
  });
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className={formBox} aria-label="Waterfall simulator" noValidate>
        <h2 className="font-semibold">A hypothetical default</h2>
        <p className="text-sm text-slate-600">
          Runs the Rule 802.B.1 waterfall on today&apos;s figures (guaranty fund requirements and contributions, the defaulter&apos;s latest margin statements) with no auction
          outcome: every member&apos;s contribution is maintained. Nothing is saved and nobody is told.
        </p>
        <label className="mt-2 block text-sm">Hypothetical defaulter
          <select className={`${formInput} block`} {...form.register("defaulterFirmId")} aria-invalid={Boolean(errors.defaulterFirmId)}>
            <option value="">Choose a member…</option>
            {members.map((m) => <option key={m.id} value={m.id}>{m.code} · {m.legalName}</option>)}
          </select>
        </label>
        <FieldError message={errors.defaulterFirmId?.message} />
        <div className="mt-2 grid gap-3 md:grid-cols-3">
          {LOSS_FIELDS.map((f) => (
            <div key={f.name}>
              <label className="block text-sm">{f.label} (USD)
                <input className={`${formInput} block w-full`} inputMode="decimal" autoComplete="off" {...form.register(f.name)} aria-invalid={Boolean(errorOf(f.name))} />
              </label>
              <p className="text-xs text-slate-500">{f.hint}</p>
              <FieldError message={errorOf(f.name)} />
            </div>
          ))}
        </div>
        <button type="submit" className={`${formButton} mt-3`} disabled={form.formState.isSubmitting}>Simulate</button>
        <FormStatus error={error} done={null} />
      </form>
      {result ? <SimulationResult result={result} /> : null}
    </div>
  );
}

function SimulationResult({ result }: { result: Simulation }) {
  const y = result.yours;
  return (
    <section aria-labelledby="simulation-result" className="space-y-4">
      <h2 id="simulation-result" className="text-lg font-semibold">Result</h2>
      <p role="status" className="text-sm">
        Loss {formatMoney(result.loss)}: covered {formatMoney(result.covered)}, uncovered {formatMoney(result.uncovered)}, shared among {result.members} non-defaulting members.
        On today&apos;s figures, with no auction outcome (all contributions maintained).
      </p>
      <table className="[&_td]:pr-3 [&_th]:pr-3 w-full text-sm" aria-label="Waterfall layers">
        <thead className="text-left text-slate-500">
          <tr><th>Layer</th><th>Rule</th><th className="text-right">Capacity</th><th className="text-right">Applied</th><th className="text-right">Remaining loss</th><th className="text-right">Your share</th></tr>
        </thead>
        <tbody>
          {result.layers.map((l) => (
            <tr key={l.id} className="border-t border-slate-200">
              <td>{l.description}</td><td>{l.rule}</td><td className="text-right">{formatMoney(l.capacity)}</td><td className="text-right">{formatMoney(l.applied)}</td>
              <td className="text-right">{formatMoney(l.remainingLoss)}</td><td className="text-right">{l.yours === null ? "not shared" : formatMoney(l.yours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <h3 className="font-semibold">What it would cost your firm</h3>
        {y ? (
          <table className="[&_td]:pr-3 [&_th]:pr-3 mt-2 text-sm" aria-label="Cost to your firm">
            <tbody>
              <tr><th className="pr-6 text-left font-normal text-slate-500">Guaranty fund requirement</th><td className="text-right">{formatMoney(y.gfRequirement)}</td></tr>
              <tr><th className="pr-6 text-left font-normal text-slate-500">Guaranty fund contribution on deposit</th><td className="text-right">{formatMoney(y.gfContribution)}</td></tr>
              <tr><th className="pr-6 text-left font-normal text-slate-500">Guaranty fund used</th><td className="text-right">{formatMoney(y.guarantyFundUsed)}</td></tr>
              <tr><th className="pr-6 text-left font-normal text-slate-500">Assessment</th><td className="text-right">{formatMoney(y.assessed)}</td></tr>
              <tr className="border-t border-slate-200 font-semibold"><th className="pr-6 text-left">Total</th><td className="text-right">{formatMoney(y.totalCharge)}</td></tr>
              <tr><th className="pr-6 text-left font-normal text-slate-500">Assessment capacity (275% of the requirement per default, 550% per cooling-off period)</th><td className="text-right">{formatMoney(y.assessmentCapacity)}</td></tr>
            </tbody>
          </table>
        ) : <p className="text-sm">Your firm is not among the non-defaulting members in this simulation, so it bears no share.</p>}
        <p className="mt-2 text-sm text-slate-600">
          The guaranty fund used would be called back by a replenishment notice the next business day (Rule 802.F); an assessment is due the day it is made (Rule 802.B.1.v).
          In a real default the auctions&apos; outcome changes the order: a non-competitive bid or a mandated member&apos;s missing bid subordinates its contribution (used first), a winning bid seniorizes it (used last).
        </p>
      </div>
      {result.nextSteps.length ? (
        <div>
          <h3 className="font-semibold">Beyond the waterfall</h3>
          <ul className="list-disc pl-5 text-sm">{result.nextSteps.map((s) => <li key={s}>{s}</li>)}</ul>
        </div>
      ) : null}
    </section>
  );
}
