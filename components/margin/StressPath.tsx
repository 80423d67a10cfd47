"use client";

import { useState } from "react";
import { money } from "./format";
import { StressPathChart } from "./StressPathChart";
import type { StressRunResult } from "@/lib/server/stress-path/run";

interface Account {
  readonly id: string;
  readonly accountNumber: string;
  readonly origin: string;
  readonly positions: number;
}
interface PublishedPath {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly days: number;
  readonly products: readonly string[];
}

/** Stress-path simulator: one of the firm's accounts through a published path or an uploaded CSV. Nothing is saved. */
export function StressPath({ accounts, paths }: { accounts: readonly Account[]; paths: readonly PublishedPath[] }) {
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const [source, setSource] = useState<"published" | "upload">(paths.length ? "published" : "upload");
  const [pathId, setPathId] = useState(paths[0]?.id ?? "");
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [result, setResult] = useState<StressRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = source === "published" ? { accountId, pathId } : { accountId, csv: csv?.text ?? "" };
      const res = await fetch("/api/stress-path/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const answer = (await res.json()) as StressRunResult & { error?: { message?: string; field?: string } };
      if (!res.ok || answer.error) setError(`${answer.error?.field ? `${answer.error.field}: ` : ""}${answer.error?.message ?? "Could not run the path."} Nothing was run.`);
      else setResult(answer);
    } finally {
      setBusy(false);
    }
  };
  const cell = "rounded border border-slate-300 px-2 py-1";
  const chosen = paths.find((p) => p.id === pathId);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4">
        <label className="text-sm">
          <span className="block font-medium">Account</span>
          <select className={cell} value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.accountNumber} ({a.positions} positions)</option>)}
          </select>
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Path</legend>
          <label className="mr-3"><input type="radio" name="source" checked={source === "published"} onChange={() => setSource("published")} disabled={paths.length === 0} /> Published by the clearing house</label>
          <label><input type="radio" name="source" checked={source === "upload"} onChange={() => setSource("upload")} /> Upload my own CSV</label>
        </fieldset>
        {source === "published" ? (
          <label className="text-sm">
            <span className="block font-medium">Published path</span>
            <select className={cell} value={pathId} onChange={(e) => setPathId(e.target.value)}>
              {paths.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.days} days)</option>)}
            </select>
          </label>
        ) : (
          <label className="text-sm">
            <span className="block font-medium">Path CSV</span>
            <input type="file" accept=".csv,text/csv" onChange={async (e) => { const f = e.target.files?.[0]; setCsv(f ? { name: f.name, text: await f.text() } : null); }} />
          </label>
        )}
        <button type="button" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50" disabled={busy || !accountId || (source === "upload" && !csv)} onClick={run}>
          {busy ? "Running…" : "Run stress path"}
        </button>
      </div>
      {source === "published" && chosen ? <p className="text-sm text-slate-600">{chosen.description} Products: {chosen.products.join(", ")}.</p> : null}
      {source === "upload" ? <p className="text-xs text-slate-600">Columns: <code>day,product,price_change_percent,scan_range_multiplier</code> (the last optional), one row per day and product, days 1 to 20. Your file is used for this run only and is not stored.</p> : null}
      {error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">{error}</p> : null}
      {result ? <StressResult result={result} /> : null}
    </div>
  );
}

function StressResult({ result }: { result: StressRunResult }) {
  const r = result.responsiveness;
  const pathDays = result.days.slice(1);
  return (
    <section className="space-y-4">
      <h2 className="text-lg font-semibold">{result.path.name}: {result.account.accountNumber}, {result.path.days} days from {result.businessDate}</h2>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div className="rounded border border-slate-200 bg-white p-3">
          <dt className="text-slate-600">Margin responsiveness (peak ÷ today)</dt>
          <dd className="text-xl font-semibold" data-testid="responsiveness">{r.ratio ?? "n/a"}</dd>
          <dd className="text-xs text-slate-600">peak {money(r.peakMaintenance)} on day {r.peakDay}</dd>
        </div>
        <div className="rounded border border-slate-200 bg-white p-3">
          <dt className="text-slate-600">Largest one-day increase</dt>
          <dd className="text-xl font-semibold" data-testid="largest-increase">{money(r.largestIncrease)}</dd>
          <dd className="text-xs text-slate-600">{r.largestIncreaseDay === null ? "the requirement never rises" : `day ${r.largestIncreaseDay}`}</dd>
        </div>
        <div className="rounded border border-slate-200 bg-white p-3">
          <dt className="text-slate-600">Peak cumulative liquidity need</dt>
          <dd className="text-xl font-semibold">{money(result.peakLiquidityNeed)}</dd>
          <dd className="text-xs text-slate-600">day {result.peakLiquidityNeedDay}</dd>
        </div>
        <div className="rounded border border-slate-200 bg-white p-3">
          <dt className="text-slate-600">Today&apos;s maintenance</dt>
          <dd className="text-xl font-semibold">{money(result.days[0]!.maintenance)}</dd>
          <dd className="text-xs text-slate-600">{result.currency}</dd>
        </div>
      </dl>
      {result.unusedProducts.length ? <p className="text-sm text-slate-600">The path also moves {result.unusedProducts.join(", ")}, which this account does not hold.</p> : null}
      <StressPathChart days={result.days} />
      <div className="overflow-x-auto">
        <table className="min-w-full text-right text-sm" data-testid="stress-table">
          <thead className="border-b border-slate-300 text-slate-600">
            <tr>
              <th className="px-2 py-1 text-left">Day</th>
              <th className="px-2 py-1">Variation (Rule 814)</th>
              <th className="px-2 py-1">Maintenance</th>
              <th className="px-2 py-1">Initial</th>
              <th className="px-2 py-1">Collateral</th>
              <th className="px-2 py-1">Margin call</th>
              <th className="px-2 py-1">Cumulative liquidity need</th>
              <th className="px-2 py-1 text-left">Scan ranges</th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-slate-200 bg-slate-50" data-testid="stress-today">
              <td className="px-2 py-1 text-left">Today</td>
              <td className="px-2 py-1">-</td>
              <td className="px-2 py-1">{money(result.days[0]!.maintenance)}</td>
              <td className="px-2 py-1">{money(result.days[0]!.initial)}</td>
              <td className="px-2 py-1">{money(result.days[0]!.collateral)}</td>
              <td className="px-2 py-1">{money(result.days[0]!.call)}</td>
              <td className="px-2 py-1">{money(result.days[0]!.liquidityNeed)}</td>
              <td className="px-2 py-1 text-left">today&apos;s</td>
            </tr>
            {pathDays.map((d) => (
              <tr key={d.day} className="border-b border-slate-100" data-testid="stress-day">
                <td className="px-2 py-1 text-left">{d.day}</td>
                <td className="px-2 py-1">{money(d.variation)}</td>
                <td className="px-2 py-1" data-testid="stress-maintenance">{money(d.maintenance)}</td>
                <td className="px-2 py-1">{money(d.initial)}</td>
                <td className="px-2 py-1">{money(d.collateral)}</td>
                <td className="px-2 py-1">{money(d.call)}</td>
                <td className="px-2 py-1">{money(d.liquidityNeed)}</td>
                <td className="px-2 py-1 text-left">{Object.entries(d.multipliers).map(([p, m]) => `${p} ×${m}`).join(", ") || "today's"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
