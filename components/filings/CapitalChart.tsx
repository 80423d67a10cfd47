/**
 * Adjusted net capital against the minimum capital requirement and the early-warning level
 * over a firm's filed history: an inline SVG (no chart library). Amounts are drawn in
 * millions; the table under it gives the exact figures.
 */
export interface CapitalPoint {
  readonly periodEnd: string;
  readonly adjustedNetCapital: string;
  readonly minimumCapital: string;
  readonly earlyWarningLevel: string;
}

const W = 720;
const H = 260;
const PAD = { left: 70, right: 36, top: 16, bottom: 40 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * mag >= v) return m * mag;
  return 10 * mag;
}

function compact(v: number): string {
  if (Math.abs(v) >= 1e9) return `$${(v / 1e9).toFixed(v % 1e9 === 0 ? 0 : 1)}bn`;
  if (Math.abs(v) >= 1e6) return `$${(v / 1e6).toFixed(v % 1e6 === 0 ? 0 : 1)}m`;
  return `$${Math.round(v).toLocaleString("en-US")}`;
}

export function CapitalChart({ points, title = "Adjusted net capital against requirement" }: { points: readonly CapitalPoint[]; title?: string }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No filings yet: the chart starts with the first report filed.</p>;
  const series = points.map((p) => ({ x: p.periodEnd, anc: Number(p.adjustedNetCapital), min: Number(p.minimumCapital), ew: Number(p.earlyWarningLevel) }));
  const top = niceMax(Math.max(...series.flatMap((s) => [s.anc, s.ew])) * 1.05);
  const bottom = Math.min(0, ...series.map((s) => s.anc));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const xAt = (i: number) => PAD.left + (series.length === 1 ? iw / 2 : (i * iw) / (series.length - 1));
  const yAt = (v: number) => PAD.top + ih - ((v - bottom) / (top - bottom)) * ih;
  const path = (key: "anc" | "min" | "ew") => series.map((s, i) => `${i === 0 ? "M" : "L"}${xAt(i).toFixed(1)},${yAt(s[key]).toFixed(1)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => bottom + f * (top - bottom));
  return (
    <figure className="max-w-4xl rounded border border-slate-200 bg-white p-3">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid="capital-chart" className="w-full max-w-4xl">
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yAt(t)} y2={yAt(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={yAt(t) + 4} textAnchor="end" fontSize="11" fill="#475569">{compact(t)}</text>
          </g>
        ))}
        {series.map((s, i) => (
          <text key={s.x} x={xAt(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#475569">{s.x.slice(0, 7)}</text>
        ))}
        <path d={path("ew")} fill="none" stroke="#d97706" strokeWidth="2" strokeDasharray="6 4" />
        <path d={path("min")} fill="none" stroke="#dc2626" strokeWidth="2" />
        <path d={path("anc")} fill="none" stroke="#1e40af" strokeWidth="2.5" />
        {series.map((s, i) => (
          <circle key={s.x} cx={xAt(i)} cy={yAt(s.anc)} r="4" fill={s.anc < s.min ? "#dc2626" : s.anc < s.ew ? "#d97706" : "#1e40af"}>
            <title>{`${s.x}: ANC ${compact(s.anc)}, minimum ${compact(s.min)}, early warning ${compact(s.ew)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="mt-2 flex gap-4 text-xs text-slate-600">
        <span><span className="inline-block h-0.5 w-4 bg-blue-800 align-middle" /> adjusted net capital</span>
        <span><span className="inline-block h-0.5 w-4 bg-amber-600 align-middle" /> early-warning level</span>
        <span><span className="inline-block h-0.5 w-4 bg-red-600 align-middle" /> minimum capital</span>
      </figcaption>
    </figure>
  );
}
