import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { Table } from "@/components/ui/Table";
import { DateTime, Quantity } from "@/components/ui/Money";
import { rmiOverview } from "@/lib/server/credit-controls/queries";
import { KillSwitchForm, RmiBlockForm, UnblockButton } from "@/components/credit-controls/RmiForms";

const any = (v: string | null) => v ?? "any";

export default async function RmiPage() {
  const actor = await requirePage("member.read", "/member/credit-controls/rmi");
  const admin = can(actor, "member.riskAdmin");
  const d = await rmiOverview(actor.firmId!);
  const scope = (b: (typeof d.active)[number]) => `${any(b.executionFirmId)} / ${any(b.account)} / ${any(b.exchange)} / ${b.derivativeType?.toLowerCase() ?? "any"} / ${b.side?.toLowerCase() ?? "any"}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Risk Management Interface</h1>
        <p className="text-slate-600">Block or unblock order entry by execution firm, account, exchange, derivative type and side. The kill switch blocks all order entry for an entity and cancels its working orders; only an explicit unblock undoes it. Blocks set by a credit limit breach are lifted on their grouping, not here.</p>
      </div>
      {admin ? (
        <>
          <section>
            <h2 className="text-lg font-semibold">Kill switch</h2>
            <KillSwitchForm entities={d.entities} />
          </section>
          <section>
            <h2 className="text-lg font-semibold">New block</h2>
            <RmiBlockForm />
          </section>
        </>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Current blocks</h2>
        <Table
          caption="Current blocks"
          columns={[
            { key: "kind", header: "Kind", cell: (b) => (b.kind === "KILL_SWITCH" ? <span className="font-semibold text-red-800">kill switch</span> : "block") },
            { key: "scope", header: "Firm / account / exchange / type / side", cell: (b) => scope(b) },
            { key: "reason", header: "Reason", cell: (b) => b.reason },
            { key: "by", header: "By", cell: (b) => b.createdByEmail },
            { key: "since", header: "Since", cell: (b) => <DateTime value={b.createdAt} /> },
            { key: "action", header: "", cell: (b) => (admin ? <UnblockButton blockId={b.id} label={scope(b)} /> : null) },
          ]}
          rows={d.active}
          rowKey={(b) => b.id}
          empty="Nothing is blocked."
        />
      </section>
      <section>
        <h2 className="text-lg font-semibold">Kill switch activations</h2>
        <Table
          caption="Kill switch activations"
          columns={[
            { key: "when", header: "When", cell: (k) => <DateTime value={k.at} /> },
            { key: "entity", header: "Entity", cell: (k) => k.executionFirmId },
            { key: "account", header: "Account", cell: (k) => k.account ?? "all" },
            { key: "cancelled", header: "Working orders cancelled", numeric: true, cell: (k) => <Quantity value={k.cancelledCount} /> },
            { key: "by", header: "By", cell: (k) => k.activatedByEmail },
          ]}
          rows={d.killSwitches}
          rowKey={(k) => k.id}
          empty="The kill switch has not been used."
        />
      </section>
      <section>
        <h2 className="text-lg font-semibold">History</h2>
        <Table
          caption="Block history"
          columns={[
            { key: "kind", header: "Kind", cell: (b) => (b.kind === "KILL_SWITCH" ? "kill switch" : "block") },
            { key: "scope", header: "Firm / account / exchange / type / side", cell: (b) => scope(b) },
            { key: "reason", header: "Reason", cell: (b) => b.reason },
            { key: "blocked", header: "Blocked", cell: (b) => <><DateTime value={b.createdAt} /> by {b.createdByEmail}</> },
            { key: "unblocked", header: "Unblocked", cell: (b) => (b.liftedAt ? <><DateTime value={b.liftedAt} /> by {b.liftedByEmail}</> : "") },
          ]}
          rows={d.history}
          rowKey={(b) => b.id}
          empty="No block has been lifted yet."
        />
      </section>
    </div>
  );
}
