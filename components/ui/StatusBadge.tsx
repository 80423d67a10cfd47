import { enumLabel } from "@/lib/shared/labels";

const TONES = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  good: "bg-green-50 text-green-900 ring-green-300",
  warn: "bg-amber-50 text-amber-900 ring-amber-300",
  bad: "bg-red-50 text-red-900 ring-red-300",
} as const;

export type Tone = keyof typeof TONES;

/** A status in words from the one map of labels (lib/shared/labels.ts), never the enum's name. */
export function StatusBadge({ value, labels, tone = "neutral" }: { readonly value: string; readonly labels: Readonly<Record<string, string>>; readonly tone?: Tone }) {
  return <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>{enumLabel(labels, value)}</span>;
}
