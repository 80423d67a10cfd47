import { requirePage } from "@/lib/auth/authorize";
import { WhatIf } from "@/components/margin/WhatIf";
import { whatIfStart } from "@/lib/server/margin/queries";

export const dynamic = "force-dynamic";

export default async function WhatIfPage() {
  const actor = await requirePage("member.read", "/member/what-if");
  const start = await whatIfStart(actor.firmId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">What-if margin</h1>
        <p className="text-slate-600">Start from an account&apos;s current positions or an uploaded portfolio, add or remove positions, and see the SPAN requirement and its breakdown change. Nothing is saved.</p>
      </div>
      {start.parameterSet ? <WhatIf accounts={start.accounts} contracts={start.contracts} businessDate={start.parameterSet.businessDate} /> : <p className="text-sm text-slate-600">No risk parameters are loaded yet.</p>}
    </div>
  );
}
