"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { PASSWORD_RULE, registerSchema, type RegisterInput } from "@/lib/validation/application";
import { FieldError } from "@/components/ui/FieldError";

const FIELDS = [
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "username" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password" },
  { name: "confirm", label: "Repeat the password", type: "password", autoComplete: "new-password" },
] as const;

/** Registration of an applicant: the server checks the same schema, then the new user is signed in. */
export function RegisterForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const form = useForm<RegisterInput>({ resolver: zodResolver(registerSchema), defaultValues: { name: "", email: "", password: "", confirm: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    let res: Response;
    try {
      res = await fetch("/api/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(values) });
    } catch {
      setError("No answer from the portal: the connection failed, so it is not known whether you are registered. Try again; if the e-mail is then refused as taken, sign in with it.");
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; formError?: string; fieldErrors?: Record<string, string[]> };
    if (!res.ok || !body.ok) {
      for (const [field, messages] of Object.entries(body.fieldErrors ?? {})) {
        if (FIELDS.some((f) => f.name === field)) form.setError(field as keyof RegisterInput, { message: messages.join(" ") });
      }
      setError(body.formError ?? "Registration failed; nothing was saved.");
      return;
    }
    const signedIn = await signIn("credentials", { email: values.email, password: values.password, redirect: false }).catch(() => null);
    if (!signedIn || signedIn.error) {
      setError("Your account was created, but signing in failed. Sign in from the sign-in page.");
      return;
    }
    router.push("/application");
  });
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={`reg-${f.name}`} className="block text-sm font-medium">{f.label}</label>
          <input id={`reg-${f.name}`} type={f.type} autoComplete={f.autoComplete} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" {...form.register(f.name)} />
          {f.name === "password" ? <p className="mt-1 text-xs text-slate-500">{PASSWORD_RULE}.</p> : null}
          <FieldError message={form.formState.errors[f.name]?.message} />
        </div>
      ))}
      {error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">{error}</p> : null}
      <button type="submit" disabled={form.formState.isSubmitting} className="w-full rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 disabled:opacity-60">
        {form.formState.isSubmitting ? "Registering…" : "Register"}
      </button>
    </form>
  );
}
