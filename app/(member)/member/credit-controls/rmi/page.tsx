import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/components/format";
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
        {d.active.length === 0 ? <p className="text-sm text-slate-600">Nothing is blocked.</p> : (
          <table className="w-full text-sm" aria-label="Current blocks">
            <thead className="text-left text-slate-500"><tr><th>Kind</th><th>Firm / account / exchange / type / side</th><th>Reason</th><th>By</th><th>Since</th><th /></tr></thead>
            <tbody>
              {d.active.map((b) => (
                <tr key={b.id} className="border-t border-slate-200">
                  <td className={b.kind === "KILL_SWITCH" ? "font-semibold text-red-800" : ""}>{b.kind === "KILL_SWITCH" ? "kill switch" : "block"}</td><td>{scope(b)}</td><td>{b.reason}</td><td>{b.createdByEmail}</td><td>{formatUtc(b.createdAt)}</td>
                  <td>{admin ? <UnblockButton blockId={b.id} label={scope(b)} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Kill switch activations</h2>
        <table className="w-full text-sm" aria-label="Kill switch activations">
          <thead className="text-left text-slate-500"><tr><th>When</th><th>Entity</th><th>Account</th><th>Working orders cancelled</th><th>By</th></tr></thead>
          <tbody>
            {d.killSwitches.map((k) => (
              <tr key={k.id} className="border-t border-slate-200"><td>{formatUtc(k.at)}</td><td>{k.executionFirmId}</td><td>{k.account ?? "all"}</td><td>{k.cancelledCount}</td><td>{k.activatedByEmail}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">History</h2>
        <table className="w-full text-sm" aria-label="Block history">
          <thead className="text-left text-slate-500"><tr><th>Kind</th><th>Firm / account / exchange / type / side</th><th>Reason</th><th>Blocked</th><th>Unblocked</th></tr></thead>
          <tbody>
            {d.history.map((b) => (
              <tr key={b.id} className="border-t border-slate-200"><td>{b.kind === "KILL_SWITCH" ? "kill switch" : "block"}</td><td>{scope(b)}</td><td>{b.reason}</td><td>{formatUtc(b.createdAt)} by {b.createdByEmail}</td><td>{b.liftedAt ? `${formatUtc(b.liftedAt)} by ${b.liftedByEmail}` : ""}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
