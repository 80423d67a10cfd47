import type { Dec } from "@/lib/risk/money";
import { compactUsd, moneyAxis } from "@/components/charts/axis";
import { money } from "./format";

/**
 * Requirement and collateral over time: an inline SVG line chart (no chart library). Amounts
 * arrive as exact decimal strings and are shown exactly; only the drawing coordinates (the
 * share of the axis a value takes) become numbers.
 */
export function HistoryChart({ points }: { points: readonly { label: string; maintenance: string; initial: string; collateral: string }[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No completed cycle yet.</p>;
  const W = 720;
  const H = 220;
  const pad = { l: 80, r: 56, t: 12, b: 40 }; // room on the right for the last x-axis label
  const axis = moneyAxis(points.flatMap((p) => [p.maintenance, p.initial, p.collateral]));
  const x = (i: number) => pad.l + (points.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: string | Dec) => pad.t + (H - pad.t - pad.b) * (1 - axis.share(v));
  const line = (key: "maintenance" | "initial" | "collateral") => points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const series = [
    { key: "maintenance" as const, label: "Maintenance", color: "#1e40af" },
    { key: "initial" as const, label: "Initial", color: "#93c5fd" },
    { key: "collateral" as const, label: "Collateral after haircuts", color: "#15803d" },
  ];
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-3xl" role="img" aria-label="Requirement and collateral over time">
        {axis.ticks.map((t) => (
          <g key={t.toString()}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" fontSize="10" fill="#64748b">{compactUsd(t)}</text>
          </g>
        ))}
        {points.map((p, i) => <text key={p.label} x={x(i)} y={H - pad.b + 16} textAnchor="middle" fontSize="10" fill="#64748b">{p.label}</text>)}
        {series.map((s) => (
          <g key={s.key}>
            <path d={line(s.key)} fill="none" stroke={s.color} strokeWidth="2" />
            {points.map((p, i) => <circle key={i} cx={x(i)} cy={y(p[s.key])} r="3" fill={s.color}><title>{`${s.label} ${p.label}: ${money(p[s.key])}`}</title></circle>)}
          </g>
        ))}
      </svg>
      <figcaption className="flex gap-4 text-xs">
        {series.map((s) => <span key={s.key}><span className="mr-1 inline-block h-2 w-4" style={{ background: s.color }} />{s.label}</span>)}
      </figcaption>
    </figure>
  );
}
