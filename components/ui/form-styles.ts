/** The portal's form classes, one place for every form. */
export const formBox = "rounded border border-slate-200 bg-white p-4";
export const formInput = "mt-1 rounded border border-slate-300 px-2 py-1";
export const formButton = "rounded bg-blue-800 px-3 py-1.5 text-sm text-white disabled:opacity-50";
