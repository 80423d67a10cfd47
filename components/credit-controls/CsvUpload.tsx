"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

interface Problem {
  row: number;
  column: string;
  message: string;
}

export function CsvUpload() {
  const router = useRouter();
  const [kind, setKind] = useState<"orders" | "fills">("orders");
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; problems: Problem[] } | null>(null);
  return (
    <form
      aria-label="Upload orders or fills"
      className="space-y-2 rounded border border-slate-200 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setResult(null);
        setError(null);
        if (!file) return setError({ message: "Choose a CSV file.", problems: [] });
        const res = await fetch(`/api/credit-controls/upload?kind=${kind}`, { method: "POST", body: file, headers: { "x-file-name": encodeURIComponent(file.name) } });
        const body = (await res.json()) as { imported?: number; error?: { message: string; problems?: Problem[] } };
        if (res.ok) {
          setResult(`Imported ${body.imported} ${kind}.`);
          router.refresh();
        } else setError({ message: body.error?.message ?? "Refused.", problems: body.error?.problems ?? [] });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="csv-kind" className="block text-sm font-medium">File of</label>
          <select id="csv-kind" className="mt-1 rounded border border-slate-300 px-2 py-1" value={kind} onChange={(e) => setKind(e.target.value as "orders" | "fills")}>
            <option value="orders">orders</option>
            <option value="fills">fills</option>
          </select>
        </div>
        <div>
          <label htmlFor="csv-file" className="block text-sm font-medium">CSV file</label>
          <input id="csv-file" type="file" accept=".csv,text/csv" className="mt-1 text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white">Upload</button>
      </div>
      <p className="text-xs text-slate-500">
        Orders: clientOrderId, executionFirmId, account, exchange, productComplex, product, derivativeType (FUTURE/OPTION), side (BUY/SELL), quantity, timeInForce (DAY/GTC/GTD), expireDate (GTD only). Fills: clientFillId, clientOrderId, quantity, price. A file with any bad row is refused whole.
      </p>
      {result ? <p role="status" className="text-sm text-green-800">{result}</p> : null}
      {error ? (
        <div role="alert" className="text-sm text-red-700">
          <p>{error.problems.length ? "Nothing was stored; fix these rows:" : error.message}</p>
          <ul className="list-disc pl-5">{error.problems.map((p, i) => <li key={i}>row {p.row}, column {p.column}: {p.message}</li>)}</ul>
        </div>
      ) : null}
    </form>
  );
}
