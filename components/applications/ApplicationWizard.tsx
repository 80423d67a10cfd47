"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { evaluateApplication, type DraftValues } from "@/lib/applications/checklist";
import { fieldTitle } from "@/lib/applications/labels";
import { attachApplicationDocument, removeApplicationDocument, saveApplicationStep, submitApplication } from "@/lib/server/applications/actions";
import { DOCUMENT_KINDS, EMPTY_STEPS, STEP_IDS, STEP_SCHEMAS, STEP_TITLES, type DocumentKind, type StepId } from "@/lib/validation/application";
import { NO_ANSWER, useActionCall } from "@/components/ui/call-action";
import { FieldError } from "@/components/ui/FieldError";
import { Checklist } from "./Checklist";
import { CheckField, StepContext } from "./fields";
import { CapitalStep, FirmStep, MembershipsStep, OwnershipStep, RepresentativeStep, ScopeStep } from "./steps";

export interface DocumentView {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly fileId: string;
}

export interface WizardProps {
  readonly userId: string;
  readonly data: DraftValues;
  readonly version: number;
  readonly documents: readonly DocumentView[];
  readonly banks: readonly string[];
  readonly requested: readonly string[];
}

type Page = StepId | "submit";
const storageKey = (userId: string, step: StepId) => `cmp.application.${userId}.${step}`;

/** The multi-step application: each step saved as a draft; unsaved values kept in this browser; the live checklist beside it. */
export function ApplicationWizard(props: WizardProps) {
  const router = useRouter();
  const [page, setPage] = useState<Page>("firm");
  const [version, setVersion] = useState(props.version);
  const [values, setValues] = useState<DraftValues>(props.data);
  const [unsaved, setUnsaved] = useState<ReadonlySet<StepId>>(new Set());
  const [documents, setDocuments] = useState(props.documents);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [restored, setRestored] = useState(false);

  // Values typed but not saved (a failed save, a closed tab) come back from sessionStorage.
  useEffect(() => {
    const back: DraftValues = {};
    const dirty = new Set<StepId>();
    for (const step of STEP_IDS) {
      const raw = window.sessionStorage.getItem(storageKey(props.userId, step));
      if (!raw) continue;
      try {
        back[step] = JSON.parse(raw) as Record<string, unknown>;
        dirty.add(step);
      } catch {
        window.sessionStorage.removeItem(storageKey(props.userId, step));
      }
    }
    if (dirty.size) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring browser-held drafts once, after hydration
      setValues((v) => ({ ...v, ...back }));
      setUnsaved(dirty);
      setRestored(true);
    }
  }, [props.userId]);

  useEffect(() => {
    if (unsaved.size === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const documentKinds = useMemo(() => documents.map((d) => d.kind), [documents]);
  const checklist = useMemo(() => evaluateApplication(values, documentKinds, props.banks), [values, documentKinds, props.banks]);
  const requested = useMemo(() => new Set(props.requested), [props.requested]);

  function onStepChange(step: StepId, stepValues: Record<string, unknown>) {
    setValues((v) => ({ ...v, [step]: stepValues }));
    window.sessionStorage.setItem(storageKey(props.userId, step), JSON.stringify(stepValues));
    setUnsaved((u) => (u.has(step) ? u : new Set([...u, step])));
  }
  function onSaved(step: StepId, newVersion: number) {
    window.sessionStorage.removeItem(storageKey(props.userId, step));
    setUnsaved((u) => new Set([...u].filter((s) => s !== step)));
    setVersion(newVersion);
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== step && !k.startsWith(`${step}.`))));
  }

  const pages: Page[] = [...STEP_IDS, "submit"];
  const next = pages[pages.indexOf(page) + 1];
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div>
        <nav aria-label="Steps" className="flex flex-wrap gap-1">
          {pages.map((p, i) => {
            const stepRequested = p !== "submit" && [...requested].some((f) => f === p || f.startsWith(`${p}.`));
            return (
              <button
                key={p}
                type="button"
                onClick={() => setPage(p)}
                aria-current={p === page ? "step" : undefined}
                className={`rounded px-2 py-1 text-sm ${p === page ? "bg-blue-800 text-white" : "bg-slate-100"} ${stepRequested ? "ring-2 ring-amber-400" : ""}`}
              >
                {i + 1}. {p === "submit" ? "Review and submit" : STEP_TITLES[p]}
                {p !== "submit" && unsaved.has(p) ? " •" : ""}
              </button>
            );
          })}
        </nav>
        {restored ? <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm">Values you typed but had not saved were restored from this browser. Save each step marked • to keep them.</p> : null}
        <div className="mt-4 rounded-lg border border-slate-200 bg-white p-5">
          {page === "submit" ? (
            <SubmitPanel
              version={version}
              unsaved={unsaved}
              serverErrors={serverErrors}
              onErrors={setServerErrors}
              onGoTo={(s) => setPage(s)}
              onSubmitted={() => router.refresh()}
              hardNotMet={checklist.ok ? checklist.checklist.summary.hardNotMet.length : null}
            />
          ) : (
            <StepContext.Provider value={{ step: page, requested }}>
              <StepForm
                key={page}
                step={page}
                initial={(values[page] as FieldValues | undefined) ?? (EMPTY_STEPS[page] as FieldValues)}
                version={version}
                banks={props.banks}
                serverErrors={serverErrors}
                onChange={(v) => onStepChange(page, v)}
                onSaved={(v) => {
                  onSaved(page, v);
                  if (next) setPage(next);
                }}
              >
                {page === "policies" ? <Documents documents={documents} version={version} onChange={(d, v) => { setDocuments(d); setVersion(v); }} /> : null}
              </StepForm>
            </StepContext.Provider>
          )}
        </div>
      </div>
      <aside>
        <h2 className="text-lg font-semibold">Requirements checklist</h2>
        <p className="text-xs text-slate-500">Computed as you type by the clearing house&apos;s rules (SPEC §2), from every step including unsaved values.</p>
        <div className="mt-2">{checklist.ok ? <Checklist lines={checklist.checklist.lines} /> : <Checklist lines={[]} error={checklist.message} />}</div>
      </aside>
    </div>
  );
}

function StepForm(props: {
  step: StepId;
  initial: FieldValues;
  version: number;
  banks: readonly string[];
  serverErrors: Record<string, string[]>;
  onChange: (values: Record<string, unknown>) => void;
  onSaved: (version: number) => void;
  children?: React.ReactNode;
}) {
  const { step, onChange } = props;
  const [formError, setFormError] = useState<string>();
  const call = useActionCall();
  const form = useForm<FieldValues>({ resolver: zodResolver(STEP_SCHEMAS[step] as never) as unknown as Resolver<FieldValues>, defaultValues: props.initial, mode: "onTouched" });
  const first = useRef(true);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  const last = useRef(JSON.stringify(props.initial));
  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          const json = JSON.stringify(values);
          if (json === last.current) return; // registering fields is not typing
          last.current = json;
          changed.current(JSON.parse(json) as Record<string, unknown>);
        },
      }),
    [form],
  );

  // Errors from a refused submission, next to their fields.
  useEffect(() => {
    if (!first.current) return;
    first.current = false;
    for (const [key, messages] of Object.entries(props.serverErrors)) {
      if (key.startsWith(`${step}.`)) form.setError(key.slice(step.length + 1), { message: messages.join(" ") });
    }
  }, [form, props.serverErrors, step]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await call(saveApplicationStep, { step, version: props.version, values });
    if (result.ok) {
      props.onSaved(result.data.version);
      return;
    }
    for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (key.startsWith("values.")) form.setError(key.slice("values.".length), { message: messages.join(" ") });
    }
    setFormError(`${result.formError ?? "Not saved."} What you typed is kept in this browser.`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={STEP_TITLES[step]}>
      <h2 className="mb-4 text-lg font-semibold">{STEP_TITLES[step]}</h2>
      {step === "firm" ? <FirmStep form={form} /> : null}
      {step === "scope" ? <ScopeStep form={form} /> : null}
      {step === "capital" ? <CapitalStep form={form} /> : null}
      {step === "ownership" ? <OwnershipStep form={form} /> : null}
      {step === "memberships" ? <MembershipsStep form={form} banks={props.banks} /> : null}
      {step === "policies" ? (
        <div className="space-y-4">
          {props.children}
          <CheckField form={form} name="gc2AdministratorsRegistered" />
        </div>
      ) : null}
      {step === "representative" ? <RepresentativeStep form={form} /> : null}
      {formError ? <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">{formError}</p> : null}
      <button type="submit" disabled={form.formState.isSubmitting} className="mt-4 rounded bg-blue-800 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {form.formState.isSubmitting ? "Saving…" : "Save and continue"}
      </button>
    </form>
  );
}

function Documents({ documents, version, onChange }: { documents: readonly DocumentView[]; version: number; onChange: (docs: DocumentView[], version: number) => void }) {
  const [errors, setErrors] = useState<Partial<Record<DocumentKind, string>>>({});
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  async function upload(kind: DocumentKind, file: File) {
    setBusy(kind);
    setErrors((e) => ({ ...e, [kind]: undefined }));
    try {
      const res = await fetch("/api/files?purpose=application-document", { method: "POST", headers: { "x-file-name": encodeURIComponent(file.name) }, body: file }).catch(() => null);
      if (!res) {
        setErrors((e) => ({ ...e, [kind]: `No answer from the clearing house: "${file.name}" was not uploaded. Choose it again.` }));
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { id?: string; name?: string; error?: { message?: string } };
      if (!res.ok || !body.id) {
        setErrors((e) => ({ ...e, [kind]: body.error?.message ?? "The upload failed." }));
        return;
      }
      const attached = await attachApplicationDocument({ version, fileId: body.id, kind }).catch(() => ({ ok: false as const, formError: NO_ANSWER }));
      if (!attached.ok) {
        setErrors((e) => ({ ...e, [kind]: attached.formError ?? "Not attached." }));
        return;
      }
      onChange([...documents, { id: attached.data.documentId, kind, name: attached.data.name, fileId: body.id }], attached.data.version);
    } finally {
      setBusy(null);
    }
  }
  async function remove(doc: DocumentView) {
    const r = await removeApplicationDocument({ version, documentId: doc.id }).catch(() => ({ ok: false as const, formError: NO_ANSWER }));
    if (r.ok) onChange(documents.filter((d) => d.id !== doc.id), r.data.version);
    else setErrors((e) => ({ ...e, [doc.kind as DocumentKind]: r.formError }));
  }
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Policies and documents (PDF)</legend>
      {(Object.keys(DOCUMENT_KINDS) as DocumentKind[]).map((kind) => (
        <div key={kind} className="rounded border border-slate-200 p-2">
          <label htmlFor={`doc-${kind}`} className="block text-sm">{DOCUMENT_KINDS[kind]}</label>
          <ul className="text-sm">
            {documents.filter((d) => d.kind === kind).map((d) => (
              <li key={d.id} className="flex gap-3">
                <a className="underline" href={`/api/files/${d.fileId}`}>{d.name}</a>
                <button type="button" className="text-red-700 underline" onClick={() => remove(d)}>Remove</button>
              </li>
            ))}
          </ul>
          <input
            id={`doc-${kind}`}
            type="file"
            accept=".pdf,application/pdf"
            disabled={busy !== null}
            className="mt-1 text-sm"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = "";
              if (file) void upload(kind, file);
            }}
          />
          {busy === kind ? <p className="text-xs text-slate-500">Uploading…</p> : null}
          <FieldError message={errors[kind]} />
        </div>
      ))}
    </fieldset>
  );
}

function SubmitPanel(props: {
  version: number;
  unsaved: ReadonlySet<StepId>;
  serverErrors: Record<string, string[]>;
  hardNotMet: number | null;
  onErrors: (e: Record<string, string[]>) => void;
  onGoTo: (s: StepId) => void;
  onSubmitted: () => void;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [submitting, setSubmitting] = useState(false);
  const call = useActionCall();
  async function submit() {
    setSubmitting(true);
    setMessage(undefined);
    try {
      const r = await call(submitApplication, { version: props.version });
      if (r.ok) {
        props.onErrors({});
        setMessage({ ok: true, text: r.data.alreadySubmitted ? "This version was already submitted; nothing changed." : "Submitted. The clearing house will review it." });
        props.onSubmitted();
        return;
      }
      props.onErrors(r.fieldErrors ?? {});
      setMessage({ ok: false, text: r.formError ?? "Not submitted." });
    } finally {
      setSubmitting(false);
    }
  }
  const errorEntries = Object.entries(props.serverErrors);
  return (
    <div className="space-y-3">
      <h2 className="text-lg font-semibold">Review and submit</h2>
      {props.unsaved.size ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          Unsaved changes in: {[...props.unsaved].map((s) => STEP_TITLES[s]).join(", ")}. Save those steps first; submitting sends the saved version.
        </p>
      ) : null}
      {props.hardNotMet ? <p className="text-sm">{props.hardNotMet} hard requirement(s) are not met; you may still submit, and the clearing house decides (it may grant exemptions).</p> : null}
      {errorEntries.length ? (
        <ul className="list-disc pl-5 text-sm text-red-700" aria-label="Steps to fix">
          {errorEntries.map(([key, messages]) => {
            const step = key.split(".")[0] as StepId;
            return (
              <li key={key}>
                <button type="button" className="underline" onClick={() => props.onGoTo(step)}>{fieldTitle(key)}</button>: {messages.join(" ")}
              </li>
            );
          })}
        </ul>
      ) : null}
      {message ? <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-green-700" : "text-red-700"}`}>{message.text}</p> : null}
      <button type="button" onClick={submit} disabled={submitting} className="rounded bg-green-800 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {submitting ? "Submitting…" : "Submit application"}
      </button>
    </div>
  );
}
