import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { CreateStressPathForm, StressPathStatusButton } from "@/components/margin/ChStressPaths";
import { allStressPaths } from "@/lib/server/stress-path/queries";

export const dynamic = "force-dynamic";

const STATUS: Record<string, string> = { DRAFT: "draft", PUBLISHED: "published", WITHDRAWN: "withdrawn" };

export default async function ChStressPathsPage() {
  const actor = await requirePage("ch.read", "/ch/stress-paths");
  const paths = await allStressPaths();
  const risk = can(actor, "ch.risk");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Stress paths</h1>
        <p className="text-slate-600">Named stress paths members run their own portfolios through (Stress-path simulator). Published paths are offered to every member; drafts and withdrawn paths are not.</p>
      </div>
      {risk ? <CreateStressPathForm /> : null}
      <table className="min-w-full text-sm" data-testid="stress-paths">
        <thead className="border-b border-slate-300 text-left text-slate-600">
          <tr><th className="px-2 py-1">Name</th><th className="px-2 py-1">Days</th><th className="px-2 py-1">Products</th><th className="px-2 py-1">Scan-range increases</th><th className="px-2 py-1">Status</th><th className="px-2 py-1" /></tr>
        </thead>
        <tbody>
          {paths.map((p) => (
            <tr key={p.id} className="border-b border-slate-100 align-top">
              <td className="px-2 py-1"><div className="font-medium">{p.name}</div><div className="text-xs text-slate-600">{p.description}</div></td>
              <td className="px-2 py-1">{p.days}</td>
              <td className="px-2 py-1">{[...new Set(p.moves.map((m) => m.product))].sort().join(", ")}</td>
              <td className="px-2 py-1">{p.moves.filter((m) => m.scanRangeMultiplier).map((m) => `day ${m.day} ${m.product} ×${m.scanRangeMultiplier}`).join(", ") || "none"}</td>
              <td className="px-2 py-1" data-testid="stress-path-status">{STATUS[p.status]}</td>
              <td className="px-2 py-1">
                {risk && p.status !== "PUBLISHED" ? <StressPathStatusButton pathId={p.id} name={p.name} to="PUBLISHED" /> : null}
                {risk && p.status === "PUBLISHED" ? <StressPathStatusButton pathId={p.id} name={p.name} to="WITHDRAWN" /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
