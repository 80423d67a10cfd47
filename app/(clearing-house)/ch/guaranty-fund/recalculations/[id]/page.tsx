import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { IssueNoticesButton } from "@/components/guaranty-fund/GfForms";
import { formatUtc } from "@/components/format";
import { recalculationPreview } from "@/lib/server/guaranty-fund/queries";
import { isoOf } from "@/lib/shared/dates";
import { formatUsd } from "@/lib/shared/money";

export const dynamic = "force-dynamic";

export default async function RecalculationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("ch.read", `/ch/guaranty-fund/recalculations/${id}`);
  const found = await recalculationPreview(id);
  if (!found) notFound();
  const { recalculation: r, result } = found;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{r.kind === "QUARTERLY" ? "Quarterly" : "Interim"} recalculation as of {isoOf(r.asOf)}</h1>
      <p className="text-sm">
        {r.status === "ISSUED" ? `Notices issued ${formatUtc(r.issuedAt!)}.` : "Preview: no notice has been issued."} Notices dated {isoOf(r.noticeDate)}. Stress results: {r.stressSource} ({found.stressRows} rows).
      </p>
      <section aria-labelledby="aggregate">
        <h2 id="aggregate" className="text-lg font-semibold">Aggregate (cover 2)</h2>
        <dl className="mt-2 grid grid-cols-2 gap-x-8 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Aggregate guaranty fund</dt><dd data-testid="aggregate">{formatUsd(result.cover2.aggregate)}</dd>
          <dt className="text-slate-500">Worst scenario</dt><dd>{result.cover2.worstScenario}</dd>
          <dt className="text-slate-500">Largest two shortfalls</dt><dd>{result.cover2.largestTwo.map((g) => `${g.group} ${formatUsd(g.shortfall)}`).join("; ") || "none"}</dd>
          <dt className="text-slate-500">Margin history</dt><dd>{result.windowFrom} to {result.asOf}, {result.cycleDays} day(s); on deposit from {result.latestCycle}</dd>
          <dt className="text-slate-500">Weights</dt><dd>performance bond {result.weights.performanceBond}%, volume {result.weights.volume}%, foreign settlements {result.weights.foreignCurrency}%</dd>
          <dt className="text-slate-500">Sum of requirements</dt><dd>{formatUsd(result.totalRequirements)} (minimum top-ups {formatUsd(result.totalMinimumTopUp)})</dd>
        </dl>
        <ul className="mt-2 text-sm text-slate-600">{result.cover2.scenarios.map((s) => <li key={s.scenario}>{s.scenario}: cover 2 {formatUsd(s.cover2)}</li>)}</ul>
      </section>
      <section aria-labelledby="members">
        <h2 id="members" className="text-lg font-semibold">Each member&apos;s requirement and change</h2>
        <table className="mt-2 w-full text-sm" aria-label="Member requirements">
          <thead className="text-left text-slate-500">
            <tr><th>Member</th><th className="text-right">Avg risk PB</th><th className="text-right">PB share</th><th className="text-right">Contracts</th><th className="text-right">Volume share</th><th className="text-right">Proportionate share</th><th className="text-right">Minimum</th><th className="text-right">Requirement</th><th className="text-right">Previous</th><th className="text-right">Change</th><th className="text-right">On deposit</th><th className="text-right">Shortfall</th></tr>
          </thead>
          <tbody>
            {result.members.map((m) => (
              <tr key={m.firmId} className="border-t border-slate-200">
                <td>{m.code}</td><td className="text-right">{formatUsd(m.averagePerformanceBond)}</td><td className="text-right">{m.performanceBondShare}%</td><td className="text-right">{m.contracts}</td><td className="text-right">{m.volumeShare}%</td>
                <td className="text-right">{formatUsd(m.proportionateShare)}</td><td className="text-right">{formatUsd(m.minimum)}{m.minimumApplied ? " (applies)" : ""}</td><td className="text-right font-semibold">{formatUsd(m.requirement)}</td>
                <td className="text-right">{m.previousRequirement ? formatUsd(m.previousRequirement) : "none"}</td><td className="text-right">{m.change ? formatUsd(m.change) : "new"}</td><td className="text-right">{formatUsd(m.onDeposit)}</td><td className="text-right">{m.shortfall === "0.00" ? "" : formatUsd(m.shortfall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {r.status === "PREVIEW" && can(actor, "ch.risk") ? <IssueNoticesButton recalculationId={r.id} members={result.members.length} /> : null}
    </div>
  );
}
