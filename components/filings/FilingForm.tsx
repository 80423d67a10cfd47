"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { assessFiling, dueDateOf, type FirmCapitalFacts } from "@/lib/filings/capital";
import { createBusinessCalendar } from "@/lib/risk/calendar";
import { RiskError } from "@/lib/risk/errors";
import { fileReport } from "@/lib/server/filings/actions";
import { FILING_KIND_LABELS, filingSchema, LINE_CODES, STATEMENT_LINES, type FilingInput, type FilingKindName, type LineGroup } from "@/lib/validation/filing";
import { useActionCall } from "@/components/ui/call-action";
import { FieldError } from "@/components/ui/FieldError";
import { FlagList, flagLabels } from "./FlagList";
import { formatMoney } from "./format";

export interface FilingFormSettings {
  readonly holidays: readonly string[];
  readonly monthlyBusinessDays: number;
  readonly annualDays: number;
  readonly annualDaysBrokerDealer: number;
  readonly bankDaysAfterRegulatorFiling: number;
  readonly earlyWarningPercent: string;
  readonly substantialReductionPercent: string;
}

export interface FilingFormProps {
  readonly firm: FirmCapitalFacts & { legalName: string };
  readonly kinds: readonly FilingKindName[];
  readonly settings: FilingFormSettings;
  /** current versions of the firm's reports: the previous ANC for the substantial-reduction check */
  readonly history: readonly { periodEnd: string; adjustedNetCapital: string; kind: string }[];
  readonly today: string;
  readonly initial: { kind: FilingKindName; periodEnd: string; regulatorFilingDate: string; lines: Record<string, string> };
  /** amending this version */
  readonly amends?: { id: string; version: number };
}

const GROUPS: { id: LineGroup; title: string }[] = [
  { id: "assets", title: "Assets" },
  { id: "non-current", title: "Non-current assets (deducted from total assets)" },
  { id: "liabilities", title: "Liabilities" },
  { id: "charges", title: "Capital charges" },
  { id: "requirement", title: "Requirement inputs" },
];

type ImportResult = { statements: { row: number; periodEnd: string; lines: Record<string, string> }[] } | { error: { message: string } };

export function FilingForm({ firm, kinds, settings, history, today, initial, amends }: FilingFormProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [importMessage, setImportMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [imported, setImported] = useState<{ row: number; periodEnd: string; lines: Record<string, string> }[]>([]);
  const [document, setDocument] = useState<{ name: string } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const call = useActionCall();
  const form = useForm<FilingInput>({
    resolver: zodResolver(filingSchema),
    defaultValues: { kind: initial.kind, periodEnd: initial.periodEnd, regulatorFilingDate: initial.regulatorFilingDate, lines: initial.lines, signedDocumentId: "", amendsId: amends?.id, amendmentReason: "" },
  });
  const values = useWatch({ control: form.control });
  const calendar = useMemo(() => createBusinessCalendar({ holidays: [...settings.holidays] }), [settings.holidays]);
  const errors = form.formState.errors;

  const preview = useMemo(() => {
    const kind = values.kind as FilingKindName;
    const periodEnd = values.periodEnd ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(periodEnd)) return { error: "Give the period end to see the computed capital." };
    try {
      const dueDate = dueDateOf({ calendar, ...settings }, firm, kind, periodEnd, values.regulatorFilingDate || null);
      const previous = [...history].filter((h) => h.periodEnd < periodEnd).sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)).at(-1);
      const a = assessFiling({
        firm,
        lines: (values.lines ?? {}) as Record<string, string>,
        previousAdjustedNetCapital: previous?.adjustedNetCapital ?? null,
        dueDate: dueDate ?? undefined,
        filedDate: dueDate ? today : undefined,
        settings: { earlyWarningPercent: settings.earlyWarningPercent, substantialReductionPercent: settings.substantialReductionPercent },
      });
      return { a, dueDate, previous };
    } catch (e) {
      if (e instanceof RiskError) return { error: `The computed capital needs a complete statement: ${e.message}.` };
      return { error: "The computed capital needs a complete statement." };
    }
  }, [values, calendar, settings, firm, history, today]);

  function loadStatement(s: { periodEnd: string; lines: Record<string, string> }) {
    form.setValue("periodEnd", s.periodEnd, { shouldValidate: false });
    for (const code of LINE_CODES) form.setValue(`lines.${code}` as const, s.lines[code] ?? "", { shouldValidate: false });
  }

  async function importTemplate(file: File) {
    setImportMessage(null);
    setImported([]);
    let res: Response;
    try {
      res = await fetch(`/api/filings/import?kind=${encodeURIComponent(values.kind ?? "")}${amends ? `&amends=${encodeURIComponent(amends.id)}` : ""}`, { method: "POST", body: file, headers: { "x-file-name": encodeURIComponent(file.name) } });
    } catch {
      setImportMessage({ ok: false, text: `No answer from the clearing house: "${file.name}" was not read. Import it again.` });
      return;
    }
    const body = (await res.json().catch(() => ({ error: { message: "The import failed." } }))) as ImportResult;
    if (!res.ok || "error" in body) {
      setImportMessage({ ok: false, text: "error" in body ? body.error.message : "The import failed." });
      return;
    }
    setImported(body.statements);
    loadStatement(body.statements[0]!);
    setImportMessage({ ok: true, text: `Read ${body.statements.length} statement${body.statements.length === 1 ? "" : "s"} from "${file.name}"; row ${body.statements[0]!.row} (${body.statements[0]!.periodEnd}) is in the form. Check it, attach the signed original and file.` });
  }

  async function uploadOriginal(file: File) {
    setUploadError(null);
    setDocument(null);
    form.setValue("signedDocumentId", "");
    let res: Response;
    try {
      res = await fetch("/api/files?purpose=filing-document", { method: "POST", body: file, headers: { "x-file-name": encodeURIComponent(file.name) } });
    } catch {
      setUploadError(`No answer from the clearing house: "${file.name}" is not attached. Choose it again.`);
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { id?: string; name?: string; error?: { message: string } };
    if (!res.ok || !body.id) {
      setUploadError(body.error?.message ?? "The upload failed.");
      return;
    }
    if (!file.name.toLowerCase().endsWith(".pdf")) {
      setUploadError(`"${file.name}" is stored, but the signed original must be a PDF.`);
      return;
    }
    form.setValue("signedDocumentId", body.id, { shouldValidate: true });
    setDocument({ name: body.name ?? file.name });
  }

  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    setBusy(true);
    // No answer (the connection dropped) comes back as a refusal; filing again resends the same key.
    const result = await call(fileReport, v);
    setBusy(false);
    if (result.ok) {
      router.push(`/member/filings/${result.data.id}`);
      return;
    }
    setFormError(result.formError ?? "Not filed.");
    for (const [k, m] of Object.entries(result.fieldErrors ?? {})) form.setError(k as keyof FilingInput, { message: m.join(" ") });
  });

  const lineError = (code: string) => (errors.lines as Record<string, { message?: string }> | undefined)?.[code]?.message;

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <fieldset className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3">
          <legend className="px-1 text-sm font-semibold">Report</legend>
          <div>
            <label htmlFor="filing-kind" className="block text-sm font-medium">Kind of report</label>
            <select id="filing-kind" className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register("kind")}>
              {kinds.map((k) => <option key={k} value={k}>{FILING_KIND_LABELS[k]}</option>)}
            </select>
            <FieldError message={errors.kind?.message} />
          </div>
          <div>
            <label htmlFor="filing-period" className="block text-sm font-medium">Period end (statement date)</label>
            <input id="filing-period" type="date" readOnly={!!amends} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register("periodEnd")} />
            <FieldError message={errors.periodEnd?.message} />
          </div>
          {firm.isBank ? (
            <div>
              <label htmlFor="filing-regulator" className="block text-sm font-medium">Filed with the banking regulator on</label>
              <input id="filing-regulator" type="date" className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register("regulatorFilingDate")} />
              <FieldError message={errors.regulatorFilingDate?.message} />
            </div>
          ) : null}
          {amends ? (
            <div className="sm:col-span-3">
              <label htmlFor="filing-amendment-reason" className="block text-sm font-medium">What this amendment of version {amends.version} corrects</label>
              <input id="filing-amendment-reason" className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register("amendmentReason")} />
              <FieldError message={errors.amendmentReason?.message} />
            </div>
          ) : null}
        </fieldset>

        <fieldset className="rounded border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">Import a filled template</legend>
          <p className="text-sm text-slate-600">
            Download the <a className="text-blue-800 underline" href="/api/filings/template?format=csv">CSV</a> or <a className="text-blue-800 underline" href="/api/filings/template?format=xlsx">XLSX</a> template, one statement per row under the header, and import it here. Nothing is stored until you file.
          </p>
          <label htmlFor="filing-import" className="mt-2 block text-sm font-medium">Template file (CSV or XLSX)</label>
          <input id="filing-import" type="file" accept=".csv,.xlsx" className="mt-1 text-sm" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importTemplate(f); e.target.value = ""; }} />
          {importMessage ? <p role={importMessage.ok ? "status" : "alert"} data-testid="import-message" className={`mt-2 text-sm ${importMessage.ok ? "text-green-800" : "text-red-700"}`}>{importMessage.text}</p> : null}
          {imported.length > 1 ? (
            <div className="mt-2 text-sm">
              Load another row:{" "}
              {imported.map((s) => <button key={s.row} type="button" className="mr-2 text-blue-800 underline" onClick={() => loadStatement(s)}>row {s.row} ({s.periodEnd})</button>)}
            </div>
          ) : null}
        </fieldset>

        {GROUPS.map((g) => (
          <fieldset key={g.id} className="grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
            <legend className="px-1 text-sm font-semibold">{g.title}</legend>
            {STATEMENT_LINES.filter((l) => l.group === g.id).map((l) => (
              <div key={l.code}>
                <label htmlFor={`line-${l.code}`} className="block text-sm">{l.label}{l.required ? " *" : ""}</label>
                <input id={`line-${l.code}`} inputMode="decimal" className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-right tabular-nums" {...form.register(`lines.${l.code}` as const)} />
                <FieldError message={lineError(l.code)} />
              </div>
            ))}
          </fieldset>
        ))}

        <fieldset className="rounded border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">Signed original</legend>
          <label htmlFor="filing-original" className="block text-sm font-medium">Signed original (PDF)</label>
          <input id="filing-original" type="file" accept=".pdf,application/pdf" className="mt-1 text-sm" onChange={(e) => { const f = e.target.files?.[0]; if (f) void uploadOriginal(f); }} />
          {document ? <p data-testid="original-uploaded" className="mt-1 text-sm text-green-800">Attached: {document.name}</p> : null}
          {uploadError ? <p role="alert" className="mt-1 text-sm text-red-700">{uploadError}</p> : null}
          <FieldError message={errors.signedDocumentId?.message} />
        </fieldset>
      </div>

      <aside className="space-y-3">
        <div className="sticky top-4 space-y-3 rounded border border-slate-300 bg-white p-4 text-sm" data-testid="capital-preview">
          <h2 className="font-semibold">Computed before you file</h2>
          {"error" in preview ? (
            <p className="text-slate-600">{preview.error}</p>
          ) : (
            <>
              <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
                <dt>Current assets</dt><dd className="text-right tabular-nums">{formatMoney(preview.a.adjustedNetCapital.currentAssets.toFixed(2))}</dd>
                <dt>Adjusted liabilities</dt><dd className="text-right tabular-nums">{formatMoney(preview.a.adjustedNetCapital.adjustedLiabilities.toFixed(2))}</dd>
                <dt>Capital charges</dt><dd className="text-right tabular-nums">{formatMoney(preview.a.adjustedNetCapital.totalCapitalCharges.toFixed(2))}</dd>
                <dt className="font-semibold">Adjusted net capital</dt><dd data-testid="preview-anc" className="text-right font-semibold tabular-nums">{formatMoney(preview.a.adjustedNetCapital.adjustedNetCapital.toFixed(2))}</dd>
                <dt>Minimum capital</dt><dd data-testid="preview-minimum" className="text-right tabular-nums">{formatMoney(preview.a.minimumCapital.requirement.toFixed(2))}</dd>
                <dt>Early-warning level ({settings.earlyWarningPercent}%)</dt><dd data-testid="preview-early-warning" className="text-right tabular-nums">{formatMoney(preview.a.earlyWarningLevel.toFixed(2))}</dd>
                <dt>Excess over minimum</dt><dd className="text-right tabular-nums">{formatMoney(preview.a.excessOverMinimum.toFixed(2))}</dd>
              </dl>
              <p className="text-xs text-slate-600">Minimum set by: {preview.a.minimumCapital.binding.description}.</p>
              <p className="text-xs text-slate-600">
                Due {preview.dueDate ?? "five days after your regulatory filing"}
                {preview.previous ? `; previous filing (${preview.previous.periodEnd}) ANC ${formatMoney(preview.previous.adjustedNetCapital)}` : ""}.
              </p>
              <div>Flags: <FlagList testId="preview-flags" flags={flagLabels(preview.a.flags)} /></div>
              {preview.a.noticesRequired.length ? <p className="text-amber-900">Notices required: {preview.a.noticesRequired.join("; ")}.</p> : null}
            </>
          )}
          {formError ? <p role="alert" data-testid="form-error" className="text-red-700">{formError}</p> : null}
          <button type="submit" disabled={busy} className="w-full rounded bg-blue-800 px-3 py-2 text-white disabled:opacity-60">{amends ? `File amendment (version ${amends.version + 1})` : "File report"}</button>
        </div>
      </aside>
    </form>
  );
}
