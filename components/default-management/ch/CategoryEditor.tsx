"use client";

import { useWatch } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "@/components/ui/FieldError";
import { formBox, formButton, formInput } from "@/components/ui/form-styles";
import { FormStatus } from "@/components/ui/FormStatus";
import { useActionForm } from "@/components/ui/useActionForm";
import { saveProductCategory } from "@/lib/server/default-management/actions";
import { categorySchema } from "@/lib/validation/default-management";

type Values = z.input<typeof categorySchema>;
export interface CategoryRow {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly productCodes: readonly string[];
}

const EMPTY: Values = { id: "", code: "", name: "", description: "", productCodes: "" };

/** Base Product Categories (Rule 914): the list, and (risk staff) a form to add or edit one. */
export function CategoryEditor({ categories, canEdit }: { categories: readonly CategoryRow[]; canEdit: boolean }) {
  const { form, onSubmit, error, done, clear } = useActionForm({
    schema: categorySchema,
    defaultValues: EMPTY,
    action: saveProductCategory,
    refused: "Not saved.",
    done: (data) => `Saved category ${data.code}.`,
    after: (_data, _values, f) => f.reset(EMPTY),
  });
  const editing = useWatch({ control: form.control, name: "id" });
  const editingCode = categories.find((c) => c.id === editing)?.code;
  const edit = (c: CategoryRow) => {
    clear();
    form.reset({ id: c.id, code: c.code, name: c.name, description: c.description, productCodes: c.productCodes.join(" ") });
  };
  return (
    <div className="space-y-3">
      {categories.length === 0 ? <p className="text-sm">No category yet.</p> : (
        <table className="w-full text-sm [&_td]:px-2 [&_td]:py-0.5 [&_th]:px-2" aria-label="Base Product Categories">
          <thead className="text-left text-slate-500"><tr><th>Code</th><th>Name</th><th>Products</th><th>Description</th>{canEdit ? <th><span className="sr-only">Edit</span></th> : null}</tr></thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id} className="border-t border-slate-200">
                <td className="font-mono">{c.code}</td><td>{c.name}</td><td className="font-mono">{c.productCodes.join(" ")}</td><td className="text-slate-600">{c.description}</td>
                {canEdit ? <td><button type="button" className="text-blue-800 underline" onClick={() => edit(c)} aria-label={`Edit ${c.code}`}>Edit</button></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <form onSubmit={onSubmit} className={formBox} aria-label="Category" noValidate>
          <h3 className="font-semibold">{editingCode ? `Edit category ${editingCode}` : "Add a category"}</h3>
          <input type="hidden" {...form.register("id")} />
          <div className="mt-2 flex flex-wrap items-start gap-3">
            <div className="text-sm"><label className="text-sm">Code<input className={`${formInput} block`} {...form.register("code")} /></label><FieldError message={form.formState.errors.code?.message} /></div>
            <div className="text-sm"><label className="text-sm">Name<input className={`${formInput} block w-72`} {...form.register("name")} /></label><FieldError message={form.formState.errors.name?.message} /></div>
            <div className="text-sm"><label className="text-sm">Products<input className={`${formInput} block w-72 font-mono`} placeholder="CME:EC CME:BP" {...form.register("productCodes")} /></label><FieldError message={form.formState.errors.productCodes?.message} /></div>
          </div>
          <div className="mt-2 block"><label className="text-sm">Description<textarea rows={2} className={`${formInput} block w-full`} {...form.register("description")} /></label><FieldError message={form.formState.errors.description?.message} /></div>
          <p className="mt-1 text-xs text-slate-600">Products as EXCH:CODE separated by spaces or commas, e.g. <code>CME:EC CME:BP</code>; each must be set up in the portal.</p>
          <div className="mt-2 flex gap-2">
            <button type="submit" className={formButton} disabled={form.formState.isSubmitting}>Save category</button>
            {editingCode ? <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={() => form.reset(EMPTY)}>Cancel editing</button> : null}
          </div>
          <FormStatus error={error} done={done} />
        </form>
      ) : null}
    </div>
  );
}
