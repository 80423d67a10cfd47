"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { addKeyContact, fileNotice, removeKeyContact, signOffKeyContacts } from "@/lib/server/filings/actions";
import { KEY_FUNCTIONS, keyContactSchema, NOTICE_FIELDS, NOTICE_KINDS, noticeSchema, type NoticeKind } from "@/lib/validation/filing";
import { FieldError } from "@/components/ui/FieldError";
import { useActionCall } from "@/components/ui/call-action";

type NoticeValues = Record<string, string>;

/** A required notice: choose the kind, then its own fields. */
export function NoticeForm({ initialKind = "MINIMUM_CAPITAL_FAILURE" }: { initialKind?: NoticeKind }) {
  const call = useActionCall();
  const router = useRouter();
  const [kind, setKind] = useState<NoticeKind>(initialKind);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<NoticeValues>({ resolver: zodResolver(noticeSchema) as unknown as Resolver<NoticeValues>, defaultValues: { kind } });
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    setDone(null);
    const result = await call(fileNotice, { ...v, kind });
    if (result.ok) {
      setDone(`Notice filed: ${NOTICE_KINDS[kind]}.`);
      form.reset({ kind });
      router.refresh();
    } else {
      setError(result.formError ?? "Not filed.");
      for (const [k, m] of Object.entries(result.fieldErrors ?? {})) form.setError(k, { message: m.join(" ") });
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <div>
        <label htmlFor="notice-kind" className="block text-sm font-medium">Notice</label>
        <select
          id="notice-kind"
          value={kind}
          onChange={(e) => { const k = e.target.value as NoticeKind; setKind(k); form.reset({ kind: k }); setError(null); setDone(null); }}
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
        >
          {(Object.keys(NOTICE_KINDS) as NoticeKind[]).map((k) => <option key={k} value={k}>{NOTICE_KINDS[k]}</option>)}
        </select>
      </div>
      <input type="hidden" value={kind} {...form.register("kind")} />
      <div className="grid gap-3 sm:grid-cols-2">
        {NOTICE_FIELDS[kind].map((f) => (
          <div key={`${kind}-${f.name}`} className={f.type === "textarea" ? "sm:col-span-2" : ""}>
            <label htmlFor={`notice-${f.name}`} className="block text-sm">{f.label}</label>
            {f.type === "textarea" ? (
              <textarea id={`notice-${f.name}`} rows={3} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register(f.name)} />
            ) : (
              <input id={`notice-${f.name}`} type={f.type === "date" ? "date" : "text"} inputMode={f.type === "money" || f.type === "percent" ? "decimal" : undefined} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register(f.name)} />
            )}
            <FieldError message={form.formState.errors[f.name]?.message as string | undefined} />
          </div>
        ))}
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {done ? <p role="status" className="text-sm text-green-800">{done}</p> : null}
      <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white">File notice</button>
    </form>
  );
}

export function KeyContactForm() {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const empty = { function: KEY_FUNCTIONS[0], name: "", title: "", email: "", phone: "" } as const;
  const form = useForm<z.input<typeof keyContactSchema>>({ resolver: zodResolver(keyContactSchema), defaultValues: empty });
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    const result = await call(addKeyContact, v);
    if (result.ok) {
      form.reset(empty);
      router.refresh();
    } else {
      setError(result.formError ?? "Not added.");
      for (const [k, m] of Object.entries(result.fieldErrors ?? {})) form.setError(k as keyof typeof empty, { message: m.join(" ") });
    }
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-5">
      <div>
        <label htmlFor="contact-function" className="block text-sm">Function</label>
        <select id="contact-function" className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register("function")}>
          {KEY_FUNCTIONS.map((f) => <option key={f}>{f}</option>)}
        </select>
      </div>
      {(["name", "title", "email", "phone"] as const).map((k) => (
        <div key={k}>
          <label htmlFor={`contact-${k}`} className="block text-sm capitalize">{k === "email" ? "E-mail" : k}</label>
          <input id={`contact-${k}`} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" {...form.register(k)} />
          <FieldError message={e[k]?.message} />
        </div>
      ))}
      <div className="sm:col-span-5">
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm">Add contact</button>
      </div>
    </form>
  );
}

export function RemoveContactButton({ contactId, name }: { contactId: string; name: string }) {
  const call = useActionCall();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="text-sm text-red-700 underline"
        onClick={async () => {
          const reason = window.prompt(`Why is ${name} no longer a key contact?`);
          if (!reason) return;
          const result = await call(removeKeyContact, { contactId, reason });
          if (result.ok) router.refresh();
          else setError(result.formError ?? "Not removed.");
        }}
      >
        Remove
      </button>
      {error ? <span role="alert" className="ml-2 text-red-700">{error}</span> : null}
    </span>
  );
}

export function SignOffButton() {
  const call = useActionCall();
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div>
      <button
        type="button"
        className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white"
        onClick={async () => {
          if (!window.confirm("Sign off that every key personnel contact listed is current and accurate?")) return;
          const result = await call(signOffKeyContacts, { confirm: true });
          setMessage(result.ok ? { ok: true, text: "Signed off." } : { ok: false, text: result.formError ?? "Not signed off." });
          if (result.ok) router.refresh();
        }}
      >
        Sign off: the listing is current and accurate
      </button>
      {message ? <p role={message.ok ? "status" : "alert"} className={`mt-1 text-sm ${message.ok ? "text-green-800" : "text-red-700"}`}>{message.text}</p> : null}
    </div>
  );
}
