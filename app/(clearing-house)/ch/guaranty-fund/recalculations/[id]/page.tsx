import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { IssueNoticesButton } from "@/components/guaranty-fund/GfForms";
import { formatUtc } from "@/components/format";
import { Table } from "@/components/ui/Table";
import { Money, Quantity } from "@/components/ui/Money";
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
        <Table
          caption="Member requirements"
          columns={[
            { key: "member", header: "Member", cell: (m) => m.code },
            { key: "pb", header: "Avg risk PB", numeric: true, cell: (m) => <Money value={m.averagePerformanceBond} /> },
            { key: "pbShare", header: "PB share", numeric: true, cell: (m) => `${m.performanceBondShare}%` },
            { key: "contracts", header: "Contracts", numeric: true, cell: (m) => <Quantity value={m.contracts} /> },
            { key: "volumeShare", header: "Volume share", numeric: true, cell: (m) => `${m.volumeShare}%` },
            { key: "share", header: "Proportionate share", numeric: true, cell: (m) => <Money value={m.proportionateShare} /> },
            { key: "minimum", header: "Minimum", numeric: true, cell: (m) => <><Money value={m.minimum} />{m.minimumApplied ? " (applies)" : ""}</> },
            { key: "requirement", header: "Requirement", numeric: true, className: "font-semibold", cell: (m) => <Money value={m.requirement} /> },
            { key: "previous", header: "Previous", numeric: true, cell: (m) => (m.previousRequirement ? <Money value={m.previousRequirement} /> : "none") },
            { key: "change", header: "Change", numeric: true, cell: (m) => (m.change ? <Money value={m.change} /> : "new") },
            { key: "deposit", header: "On deposit", numeric: true, cell: (m) => <Money value={m.onDeposit} /> },
            { key: "shortfall", header: "Shortfall", numeric: true, cell: (m) => (m.shortfall === "0.00" ? "" : <Money value={m.shortfall} />) },
          ]}
          rows={result.members}
          rowKey={(m) => m.firmId}
          empty="No member in this recalculation."
        />
      </section>
      {r.status === "PREVIEW" && can(actor, "ch.risk") ? <IssueNoticesButton recalculationId={r.id} members={result.members.length} /> : null}
    </div>
  );
}
