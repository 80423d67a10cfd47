import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { auditPage } from "@/lib/server/audit/queries";
import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";
import { ROLE_LABELS, type RoleName } from "@/lib/auth/permissions";
import { AUDIT_OUTCOME_LABELS, auditActionLabel } from "@/lib/shared/labels";
import { visibleText } from "@/lib/text/unsafe-text";

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string; action?: string }> }) {
  await requirePage("audit.read", "/ch/audit");
  const params = await searchParams;
  const before = params.before && /^\d+$/.test(params.before) ? BigInt(params.before) : undefined;
  const rows = await auditPage({ beforeId: before, action: params.action });
  const last = rows.at(-1);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="text-sm text-slate-600">Append-only; each row carries the SHA-256 of the row before it. <code>npm run audit:verify</code> checks the whole chain.</p>
      <form className="flex gap-2 text-sm">
        <input name="action" defaultValue={params.action ?? ""} placeholder="action starts with…" className="rounded border border-slate-300 px-2 py-1" />
        <button className="rounded border border-slate-300 px-3 py-1">Filter</button>
      </form>
      <Table
        caption="Audit trail"
        className="text-xs"
        columns={[
          { key: "id", header: "Row", numeric: true, cell: (r) => <span className="font-mono">{r.id.toString()}</span> },
          { key: "at", header: "When (UTC)", cell: (r) => <DateTime value={r.at} /> },
          { key: "actor", header: "Actor", cell: (r) => r.actorEmail ?? "the portal" },
          { key: "role", header: "Role", cell: (r) => (r.actorRole ? (ROLE_LABELS[r.actorRole as RoleName] ?? r.actorRole) : "") },
          { key: "action", header: "Action", cell: (r) => <>{auditActionLabel(r.action)}<span className="block font-mono text-slate-500">{r.action}</span></> },
          { key: "object", header: "Object", cell: (r) => [r.objectType, r.objectId].filter(Boolean).join(" ") },
          { key: "outcome", header: "Outcome", cell: (r) => AUDIT_OUTCOME_LABELS[r.outcome] ?? r.outcome },
          { key: "summary", header: "Summary", className: "max-w-md break-all font-mono", cell: (r) => <bdi dir="ltr">{visibleText(JSON.stringify(r.summary))}</bdi> },
          { key: "hash", header: "Hash", cell: (r) => <span className="font-mono">{r.hash.slice(0, 12)}…</span> },
        ]}
        rows={rows}
        rowKey={(r) => r.id.toString()}
        empty={params.action ? "No audited action starts with that text." : "Nothing audited yet: every sign-in, change and refusal appears here, newest first."}
      />
      {last && rows.length === 100 ? <Link className="text-sm text-blue-700 underline" href={`/ch/audit?before=${last.id}${params.action ? `&action=${encodeURIComponent(params.action)}` : ""}`}>Older</Link> : null}
    </div>
  );
}
