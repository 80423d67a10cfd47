"use client";

import { useMemo, useState } from "react";
import { money } from "./format";
import type { SpanBreakdown } from "@/lib/server/margin/statement";

interface Account {
  readonly id: string;
  readonly accountNumber: string;
  readonly positions: readonly { contract: string; quantity: string }[];
}

type Row = { contract: string; quantity: string };

/** Parses a portfolio CSV (contract,quantity) in the browser; the row is named on a refusal. */
function parsePortfolio(text: string, contracts: ReadonlySet<string>): { rows: Row[] } | { error: string } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").toLowerCase().split(",").map((s) => s.trim());
  const ci = header.indexOf("contract");
  const qi = header.indexOf("quantity");
  if (ci < 0 || qi < 0) return { error: 'row 1: the header must have "contract" and "quantity"' };
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(",").map((s) => s.trim());
    if (!contracts.has(cells[ci] ?? "")) return { error: `row ${i + 1}: contract "${cells[ci]}" is not in the risk parameters` };
    if (!/^[+-]?\d{1,9}$/.test(cells[qi] ?? "")) return { error: `row ${i + 1}: quantity "${cells[qi]}" must be whole contracts` };
    rows.push({ contract: cells[ci]!, quantity: cells[qi]! });
  }
  return { rows };
}

/** What-if: start from an account's positions or an uploaded portfolio, change them, recompute. Nothing is saved. */
export function WhatIf({ accounts, contracts, businessDate }: { accounts: readonly Account[]; contracts: readonly string[]; businessDate: string }) {
  const known = useMemo(() => new Set(contracts), [contracts]);
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const [rows, setRows] = useState<Row[]>(() => [...(accounts[0]?.positions ?? [])]);
  const [base, setBase] = useState<SpanBreakdown | null>(null);
  const [result, setResult] = useState<SpanBreakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // From an account, its Rule 824 charges apply (as on its statement); an upload is no account.
  const compute = async (positions: readonly Row[]): Promise<SpanBreakdown | null> => {
    const res = await fetch("/api/margin/what-if", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ positions, ...(accountId ? { accountId } : {}) }) });
    const body = (await res.json()) as { requirement?: SpanBreakdown; error?: { message?: string; field?: string } };
    if (!res.ok || !body.requirement) {
      setError(`${body.error?.field ? `${body.error.field}: ` : ""}${body.error?.message ?? "Could not compute."}`);
      return null;
    }
    return body.requirement;
  };
  const recalc = async () => {
    setBusy(true);
    setError(null);
    const start = accounts.find((a) => a.id === accountId)?.positions ?? [];
    const [b, r] = await Promise.all([base ? Promise.resolve(base) : compute(start), compute(rows)]);
    if (b) setBase(b);
    if (r) setResult(r);
    setBusy(false);
  };
  const pick = (id: string) => {
    setAccountId(id);
    setRows([...(accounts.find((a) => a.id === id)?.positions ?? [])]);
    setBase(null);
    setResult(null);
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parsePortfolio(await file.text(), known);
    if ("error" in parsed) return setError(parsed.error);
    setError(null);
    setRows(parsed.rows);
    setBase(null);
    setResult(null);
    setAccountId("");
  };
  const cell = "rounded border border-slate-300 px-2 py-1";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4">
        <label className="text-sm">Start from account
          <select className={`${cell} mt-1 block`} value={accountId} onChange={(e) => pick(e.target.value)}>
            <option value="">(uploaded portfolio)</option>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.accountNumber}</option>)}
          </select>
        </label>
        <label className="text-sm">Or upload a portfolio (CSV contract,quantity)
          <input type="file" accept=".csv" className="mt-1 block text-sm" onChange={(e) => upload(e.target.files?.[0])} />
        </label>
        <p className="text-xs text-slate-500">Risk parameters of {businessDate}, with the Rule 824 charges in force for the account (an uploaded portfolio carries the charges on the products it holds). Nothing here is saved.</p>
      </div>
      <table className="w-full text-sm" aria-label="What-if positions">
        <thead className="text-left text-slate-500"><tr><th>Contract</th><th>Quantity (+ long, − short)</th><th /></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-200">
              <td>
                <select aria-label={`Contract ${i + 1}`} className={cell} value={r.contract} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, contract: e.target.value } : x)))}>
                  {!known.has(r.contract) ? <option value={r.contract}>{r.contract || "Choose…"}</option> : null}
                  {contracts.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </td>
              <td><input aria-label={`Quantity ${i + 1}`} className={`${cell} w-28`} value={r.quantity} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))} /></td>
              <td><button type="button" className="text-sm text-red-700 underline" onClick={() => setRows(rows.filter((_, j) => j !== i))}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="space-x-3">
        <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setRows([...rows, { contract: contracts[0] ?? "", quantity: "1" }])}>Add position</button>
        <button type="button" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white disabled:opacity-50" disabled={busy} onClick={recalc}>Recalculate</button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {result ? (
        <table className="w-full text-sm" aria-label="What-if requirement">
          <thead className="text-left text-slate-500"><tr><th>Combined commodity</th><th className="text-right">Scan risk</th><th className="text-right">Scenario</th><th className="text-right">Intra</th><th className="text-right">Spot</th><th className="text-right">Inter credit</th><th className="text-right">SOM</th><th className="text-right">Requirement</th><th className="text-right">Before</th></tr></thead>
          <tbody>
            {result.combinedCommodities.map((c) => (
              <tr key={c.code} className="border-t border-slate-200">
                <td>{c.code} {c.name}</td><td className="text-right">{money(c.scanRisk)}</td><td className="text-right">{c.worstScenario ?? "-"}</td><td className="text-right">{money(c.intraSpreadCharge)}</td><td className="text-right">{money(c.spotCharge)}</td><td className="text-right">{money(c.interSpreadCredit)}</td>
                <td className="text-right">{money(c.shortOptionMinimum)}</td><td className="text-right">{money(c.riskRequirement)}</td><td className="text-right">{money(base?.combinedCommodities.find((x) => x.code === c.code)?.riskRequirement ?? "0")}</td>
              </tr>
            ))}
            <tr className="border-t border-slate-200"><td colSpan={7}>Additional performance bond (Rule 824)</td><td className="text-right">{money(result.additionalPerformanceBond)}</td><td className="text-right" data-testid="whatif-addon-before">{money(base?.additionalPerformanceBond ?? "0")}</td></tr>
            <tr className="border-t border-slate-200"><td colSpan={7}>Concentration charge</td><td className="text-right">{money(result.concentrationCharge)}</td><td className="text-right">{money(base?.concentrationCharge ?? "0")}</td></tr>
            <tr className="border-t border-slate-400 font-semibold"><td colSpan={7}>Maintenance</td><td className="text-right" data-testid="whatif-maintenance">{money(result.maintenance)}</td><td className="text-right" data-testid="whatif-before">{money(base?.maintenance ?? "0")}</td></tr>
            <tr className="font-semibold"><td colSpan={7}>Initial</td><td className="text-right" data-testid="whatif-initial">{money(result.initial)}</td><td className="text-right" data-testid="whatif-initial-before">{money(base?.initial ?? "0")}</td></tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
