"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/server/api-keys/actions";
import { createApiKeySchema } from "@/lib/validation/api-keys";
import { FieldError } from "@/components/ui/FieldError";
import { useActionCall } from "@/components/ui/call-action";

export function ApiKeyCreate() {
  const call = useActionCall();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.input<typeof createApiKeySchema>>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await call(createApiKey, values);
    if (result.ok) {
      setCreated({ token: result.data.token, name: result.data.name });
      form.reset({ name: "" });
    } else {
      setError(result.formError ?? "Not created.");
      if (result.fieldErrors?.name) form.setError("name", { message: result.fieldErrors.name.join(" ") });
    }
  });
  return (
    <div className="rounded border border-slate-200 bg-white p-4">
      <form onSubmit={onSubmit} className="flex items-end gap-3" noValidate>
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium">New key for</label>
          <input id="api-key-name" className="mt-1 w-72 rounded border border-slate-300 px-2 py-1" placeholder="e.g. order router" {...form.register("name")} />
          <FieldError message={form.formState.errors.name?.message} />
        </div>
        <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-sm text-white">Create key</button>
      </form>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
      {created ? (
        <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          Key for {created.name} (copy it now; it is not shown again): <code data-testid="new-api-key" className="break-all font-mono">{created.token}</code>
        </div>
      ) : null}
    </div>
  );
}

export function ApiKeyRevoke({ keyId, name }: { keyId: string; name: string }) {
  const call = useActionCall();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="text-sm text-red-700 underline"
        onClick={async () => {
          if (!window.confirm(`Revoke the key for ${name}? Systems using it stop working.`)) return;
          const result = await call(revokeApiKey, { keyId });
          if (!result.ok) setError(result.formError ?? "Not revoked.");
        }}
      >
        Revoke
      </button>
      {error ? <span role="alert" className="ml-2 text-red-700">{error}</span> : null}
    </span>
  );
}
