"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FieldError } from "@/components/ui/FieldError";
import { SecondFactorCodeField } from "@/components/ui/SecondFactorCodeField";
import { killSwitch, rmiBlock, rmiUnblock } from "@/lib/server/credit-controls/actions";
import { rmiBlockSchema, type RmiBlockInput } from "@/lib/validation/credit-controls";
import { useActionCall } from "@/components/ui/call-action";

const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1";

export function RmiBlockForm() {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<RmiBlockInput>({ resolver: zodResolver(rmiBlockSchema), defaultValues: { executionFirmId: "", account: "", exchange: "", derivativeType: "", side: "", reason: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await call(rmiBlock, values);
    if (result.ok) {
      form.reset();
      router.refresh();
      return;
    }
    setError(result.formError ?? "Not blocked.");
    for (const [k, v] of Object.entries(result.fieldErrors ?? {})) form.setError(k as keyof RmiBlockInput, { message: v.join(" ") });
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} aria-label="Block order entry" className="grid grid-cols-2 gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-6" noValidate>
      <div>
        <label htmlFor="b-ef" className="block text-sm font-medium">Execution firm</label>
        <input id="b-ef" className={input} placeholder="any" {...form.register("executionFirmId")} />
        <FieldError message={e.executionFirmId?.message} />
      </div>
      <div>
        <label htmlFor="b-acct" className="block text-sm font-medium">Account</label>
        <input id="b-acct" className={input} placeholder="any" {...form.register("account")} />
        <FieldError message={e.account?.message} />
      </div>
      <div>
        <label htmlFor="b-ex" className="block text-sm font-medium">Exchange</label>
        <input id="b-ex" className={input} placeholder="any" {...form.register("exchange")} />
        <FieldError message={e.exchange?.message} />
      </div>
      <div>
        <label htmlFor="b-type" className="block text-sm font-medium">Derivative type</label>
        <select id="b-type" className={input} {...form.register("derivativeType")}>
          <option value="">any</option>
          <option value="FUTURE">futures</option>
          <option value="OPTION">options</option>
        </select>
      </div>
      <div>
        <label htmlFor="b-side" className="block text-sm font-medium">Side</label>
        <select id="b-side" className={input} {...form.register("side")}>
          <option value="">any</option>
          <option value="BUY">buy</option>
          <option value="SELL">sell</option>
        </select>
      </div>
      <div>
        <label htmlFor="b-reason" className="block text-sm font-medium">Reason</label>
        <input id="b-reason" className={input} {...form.register("reason")} />
        <FieldError message={e.reason?.message} />
      </div>
      {error ? <p role="alert" className="col-span-full text-sm text-red-700">{error}</p> : null}
      <div className="col-span-full">
        <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white">Block</button>
      </div>
    </form>
  );
}

export function UnblockButton({ blockId, label }: { blockId: string; label: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="text-sm text-blue-800 underline"
        onClick={async () => {
          if (!window.confirm(`Unblock ${label}?`)) return;
          const result = await call(rmiUnblock, { blockId });
          if (result.ok) router.refresh();
          else setError(result.formError ?? "Not unblocked.");
        }}
      >
        Unblock
      </button>
      {error ? <span role="alert" className="ml-2 text-red-700">{error}</span> : null}
    </span>
  );
}

/** The kill switch: choose the entity, then a confirmation step naming what will happen. */
export function KillSwitchForm({ entities }: { entities: { executionFirmId: string; working: number }[] }) {
  const call = useActionCall();
  const router = useRouter();
  const [executionFirmId, setExecutionFirmId] = useState(entities[0]?.executionFirmId ?? "");
  const [account, setAccount] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [secondFactorCode, setSecondFactorCode] = useState("");
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const working = entities.find((e) => e.executionFirmId === executionFirmId)?.working;
  return (
    <div className="rounded border border-red-300 bg-red-50 p-4" aria-label="Kill switch" role="region">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="k-ef" className="block text-sm font-medium">Entity (Executing Firm ID)</label>
          <input id="k-ef" list="k-entities" className={input} value={executionFirmId} onChange={(e) => { setExecutionFirmId(e.target.value.toUpperCase()); setConfirming(false); }} />
          <datalist id="k-entities">{entities.map((e) => <option key={e.executionFirmId} value={e.executionFirmId} />)}</datalist>
        </div>
        <div>
          <label htmlFor="k-acct" className="block text-sm font-medium">Account (optional)</label>
          <input id="k-acct" className={input} value={account} onChange={(e) => { setAccount(e.target.value.toUpperCase()); setConfirming(false); }} />
        </div>
        <button type="button" className="rounded bg-red-800 px-3 py-1.5 text-sm text-white" onClick={() => { setError(null); setDone(null); setCodeError(undefined); setSecondFactorCode(""); setConfirming(true); }} disabled={!executionFirmId}>
          Kill switch…
        </button>
      </div>
      {confirming ? (
        <div className="mt-3 rounded border border-red-400 bg-white p-3 text-sm">
          <p>
            This blocks <strong>all order entry</strong> for {executionFirmId}{account ? ` account ${account}` : ""} and cancels {account ? "its" : `its ${working ?? 0}`} working orders. It stays on until someone unblocks it here.
          </p>
          <div className="mt-2">
            <SecondFactorCodeField id="k-code" value={secondFactorCode} onChange={(e) => setSecondFactorCode(e.target.value)} error={codeError} />
          </div>
          <div className="mt-2 flex gap-3">
            <button
              type="button"
              className="rounded bg-red-800 px-3 py-1.5 text-white"
              onClick={async () => {
                setError(null);
                setCodeError(undefined);
                const result = await call(killSwitch, { executionFirmId, account, confirm: true, secondFactorCode });
                if (result.ok) {
                  setConfirming(false);
                  setDone(`Kill switch on for ${executionFirmId}: ${result.data.cancelled} working order(s) cancelled.`);
                  router.refresh();
                  return;
                }
                // A refused code is asked for again here; any other refusal closes the confirmation.
                const codeErrors = result.fieldErrors?.secondFactorCode;
                if (codeErrors) setCodeError(codeErrors.join(" "));
                else setConfirming(false);
                setError(result.formError ?? Object.values(result.fieldErrors ?? {}).flat().join(" ") ?? "Not done.");
              }}
            >
              Confirm kill switch
            </button>
            <button type="button" className="text-slate-700 underline" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
      {done ? <p role="status" className="mt-2 text-sm font-medium text-red-900">{done}</p> : null}
    </div>
  );
}
