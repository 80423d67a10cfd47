import type { Dec } from "@/lib/risk/money";
import { compactUsd, moneyAxis } from "@/components/charts/axis";
import { money } from "./format";

/**
 * A stress path day by day: maintenance requirement, cumulative liquidity need and cumulative
 * variation on one round money axis (components/charts/axis.ts). Amounts stay exact decimal
 * strings; only drawing coordinates become numbers.
 */
export function StressPathChart({ days }: { days: readonly { day: number; maintenance: string; liquidityNeed: string; cumulativeVariation: string }[] }) {
  const W = 720;
  const H = 240;
  const pad = { l: 80, r: 24, t: 12, b: 36 };
  const axis = moneyAxis(days.flatMap((d) => [d.maintenance, d.liquidityNeed, d.cumulativeVariation]));
  const x = (i: number) => pad.l + (days.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (days.length - 1));
  const y = (v: string | Dec) => pad.t + (H - pad.t - pad.b) * (1 - axis.share(v));
  const series = [
    { key: "maintenance" as const, label: "Maintenance requirement", color: "#1e40af" },
    { key: "liquidityNeed" as const, label: "Cumulative liquidity need", color: "#b91c1c" },
    { key: "cumulativeVariation" as const, label: "Cumulative variation (+ collected)", color: "#15803d" },
  ];
  const line = (key: (typeof series)[number]["key"]) => days.map((d, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(d[key]).toFixed(1)}`).join(" ");
  return (
    <figure data-testid="stress-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-3xl" role="img" aria-label="Requirement, liquidity need and variation over the stress path">
        {axis.ticks.map((t) => (
          <g key={t.toString()}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke={t.isZero() ? "#94a3b8" : "#e2e8f0"} />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" fontSize="10" fill="#64748b">{compactUsd(t)}</text>
          </g>
        ))}
        {days.map((d, i) => <text key={d.day} x={x(i)} y={H - pad.b + 16} textAnchor="middle" fontSize="10" fill="#64748b">{d.day === 0 ? "today" : d.day}</text>)}
        {series.map((s) => (
          <g key={s.key}>
            <path d={line(s.key)} fill="none" stroke={s.color} strokeWidth="2" />
            {days.map((d, i) => <circle key={i} cx={x(i)} cy={y(d[s.key])} r="2.5" fill={s.color}><title>{`${s.label}, day ${d.day}: ${money(d[s.key])}`}</title></circle>)}
          </g>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs">
        {series.map((s) => <span key={s.key}><span className="mr-1 inline-block h-2 w-4" style={{ background: s.color }} />{s.label}</span>)}
      </figcaption>
    </figure>
  );
}
