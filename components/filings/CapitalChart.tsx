/**
 * Adjusted net capital against the minimum capital requirement and the early-warning level
 * over a firm's filed history: an inline SVG (no chart library). Amounts are drawn in
 * millions; the table under it gives the exact figures.
 */
import { D, formatUsd, type Dec } from "@/lib/risk/money";
import { compactUsd, moneyAxis } from "@/components/charts/axis";

export interface CapitalPoint {
  readonly periodEnd: string;
  readonly adjustedNetCapital: string;
  readonly minimumCapital: string;
  readonly earlyWarningLevel: string;
}

const W = 720;
const H = 260;
const PAD = { left: 70, right: 36, top: 16, bottom: 40 };

export function CapitalChart({ points, title = "Adjusted net capital against requirement" }: { points: readonly CapitalPoint[]; title?: string }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No filings yet: the chart starts with the first report filed.</p>;
  const series = points.map((p) => ({ x: p.periodEnd, anc: new D(p.adjustedNetCapital), min: new D(p.minimumCapital), ew: new D(p.earlyWarningLevel) }));
  const axis = moneyAxis(series.flatMap((s) => [s.anc, s.min, s.ew]));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const xAt = (i: number) => PAD.left + (series.length === 1 ? iw / 2 : (i * iw) / (series.length - 1));
  const yAt = (v: Dec) => PAD.top + ih - axis.share(v) * ih;
  const path = (key: "anc" | "min" | "ew") => series.map((s, i) => `${i === 0 ? "M" : "L"}${xAt(i).toFixed(1)},${yAt(s[key]).toFixed(1)}`).join(" ");
  return (
    <figure className="max-w-4xl rounded border border-slate-200 bg-white p-3">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid="capital-chart" className="w-full max-w-4xl">
        <title>{title}</title>
        {axis.ticks.map((t) => (
          <g key={t.toString()}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yAt(t)} y2={yAt(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={yAt(t) + 4} textAnchor="end" fontSize="11" fill="#475569">{compactUsd(t)}</text>
          </g>
        ))}
        {series.map((s, i) => (
          <text key={s.x} x={xAt(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#475569">{s.x.slice(0, 7)}</text>
        ))}
        <path d={path("ew")} fill="none" stroke="#d97706" strokeWidth="2" strokeDasharray="6 4" />
        <path d={path("min")} fill="none" stroke="#dc2626" strokeWidth="2" />
        <path d={path("anc")} fill="none" stroke="#1e40af" strokeWidth="2.5" />
        {series.map((s, i) => (
          <circle key={s.x} cx={xAt(i)} cy={yAt(s.anc)} r="4" fill={s.anc.lessThan(s.min) ? "#dc2626" : s.anc.lessThan(s.ew) ? "#d97706" : "#1e40af"}>
            <title>{`${s.x}: ANC ${formatUsd(s.anc)}, minimum ${formatUsd(s.min)}, early warning ${formatUsd(s.ew)}`}</title>
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
