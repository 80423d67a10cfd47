import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { Simulator } from "@/components/default-management/member/Simulator";
import { simulatorDefaulters } from "@/lib/server/default-management/member-queries";

export const dynamic = "force-dynamic";

export default async function WaterfallSimulatorPage() {
  const actor = await requirePage("member.read", "/member/default-management/simulator");
  const members = await simulatorDefaulters(actor.firmId!);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm"><Link href="/member/default-management" className="text-blue-800 underline">Auctions &amp; defaults</Link></p>
        <h1 className="text-2xl font-semibold">Waterfall simulator</h1>
        <p className="text-slate-600">
          What a default of another member with a loss of a given size would cost your firm, layer by layer (Rule 802.B.1): the defaulter&apos;s collateral, the CME
          Contribution, the guaranty fund and assessments. It runs on today&apos;s figures with no auction outcome (all contributions maintained).
        </p>
      </div>
      {members.length === 0 ? <p className="text-sm">There is no other active member to simulate a default of.</p> : <Simulator members={members} />}
    </div>
  );
}
