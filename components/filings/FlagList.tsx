export interface FilingFlags {
  readonly belowMinimum: boolean;
  readonly belowEarlyWarning: boolean;
  readonly substantialReduction: boolean;
  readonly lateFiling: boolean;
}

export function flagLabels(f: FilingFlags): string[] {
  const out: string[] = [];
  if (f.belowMinimum) out.push("below minimum");
  if (f.belowEarlyWarning) out.push("below early warning");
  if (f.substantialReduction) out.push("substantial reduction");
  if (f.lateFiling) out.push("late filing");
  return out;
}

/** The capital flags as badges (red for a breach, amber otherwise); "none" when clear. */
export function FlagList({ flags, testId }: { flags: readonly string[]; testId?: string }) {
  if (flags.length === 0) return <span data-testid={testId} className="text-slate-500">none</span>;
  return (
    <span data-testid={testId} className="inline-flex flex-wrap gap-1">
      {flags.map((f) => (
        <span key={f} className={`rounded px-1.5 py-0.5 text-xs font-medium ${f.startsWith("below") ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800"}`}>{f}</span>
      ))}
    </span>
  );
}
