import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { auditPage } from "@/lib/server/audit/queries";
import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";
import { ROLE_LABELS, type RoleName } from "@/lib/auth/permissions";
import { AUDIT_OUTCOME_LABELS, auditActionLabel } from "@/lib/shared/labels";
import { visibleText } from "@/lib/text/unsafe-text";
import { AUDIT_EVENT_KINDS, auditFilterSchema, type AuditFilter } from "@/lib/validation/audit";

const input = "mt-1 block rounded border border-slate-300 px-2 py-1";
const FIELDS = ["kind", "user", "address", "from", "to", "action"] as const;

/** The filter as a query string (for "Older" and for sharing). */
function queryOf(filter: AuditFilter, before?: bigint): string {
  const q = new URLSearchParams();
  for (const f of FIELDS) if (filter[f]) q.set(f, filter[f]);
  if (before !== undefined) q.set("before", before.toString());
  return q.toString();
}

/** Address and user agent of sign-in, second-factor and access rows (older rows say "ip"). */
function clientOf(summary: unknown): { address: string; userAgent: string } {
  const s = summary && typeof summary === "object" && !Array.isArray(summary) ? (summary as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return { address: text(s.address) || text(s.ip), userAgent: text(s.userAgent) };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("audit.read", "/ch/audit");
  const raw = await searchParams;
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(params);
  const filter = parsed.success ? parsed.data : null;
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const rows = filter ? await auditPage({ filter }) : [];
  const last = rows.at(-1);
  const shown = (name: (typeof FIELDS)[number]) => params[name] ?? "";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="text-sm text-slate-600">Append-only; each row carries the SHA-256 of the row before it. <code>npm run audit:verify</code> checks the whole chain. Sign-ins, failed sign-ins, second-factor failures and refused access carry the client&apos;s address and user agent.</p>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit trail">
        <label>Event kind
          <select name="kind" defaultValue={shown("kind")} className={input}>
            <option value="">any</option>
            {AUDIT_EVENT_KINDS.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
          </select>
        </label>
        <label>User (e-mail)<input name="user" defaultValue={shown("user")} className={input} /></label>
        <label>Address<input name="address" defaultValue={shown("address")} placeholder="e.g. 203.0.113." className={`${input} font-mono`} /></label>
        <label>From<input type="date" name="from" defaultValue={shown("from")} className={input} /></label>
        <label>To<input type="date" name="to" defaultValue={shown("to")} className={input} /></label>
        <label>Action starts with<input name="action" defaultValue={shown("action")} className={`${input} font-mono`} /></label>
        <button className="rounded border border-slate-300 px-3 py-1">Filter</button>
        <Link href="/ch/audit" className="py-1 text-blue-700 underline">Clear</Link>
      </form>
      {errors.length ? (
        <div role="alert" className="text-sm text-red-700">
          <p>The filter was not applied:</p>
          <ul className="list-disc pl-5">{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}
      <Table
        caption="Audit events"
        className="text-xs"
        columns={[
          { key: "id", header: "Row", numeric: true, cell: (r) => <span className="font-mono">{r.id.toString()}</span> },
          { key: "at", header: "When (UTC)", cell: (r) => <DateTime value={r.at} /> },
          { key: "actor", header: "Actor", cell: (r) => r.actorEmail ?? "the portal" },
          { key: "role", header: "Role", cell: (r) => (r.actorRole ? (ROLE_LABELS[r.actorRole as RoleName] ?? r.actorRole) : "") },
          { key: "action", header: "Action", cell: (r) => <>{auditActionLabel(r.action)}<span className="block font-mono text-slate-500">{r.action}</span></> },
          { key: "object", header: "Object", cell: (r) => [r.objectType, r.objectId].filter(Boolean).join(" ") },
          { key: "outcome", header: "Outcome", cell: (r) => AUDIT_OUTCOME_LABELS[r.outcome] ?? r.outcome },
          { key: "address", header: "Address", cell: (r) => <span className="font-mono" data-testid="audit-address">{clientOf(r.summary).address}</span> },
          { key: "userAgent", header: "User agent", className: "max-w-48 break-all", cell: (r) => <bdi dir="ltr">{visibleText(clientOf(r.summary).userAgent)}</bdi> },
          { key: "summary", header: "Summary", className: "max-w-md break-all font-mono", cell: (r) => <bdi dir="ltr">{visibleText(JSON.stringify(r.summary))}</bdi> },
          { key: "hash", header: "Hash", cell: (r) => <span className="font-mono">{r.hash.slice(0, 12)}…</span> },
        ]}
        rows={rows}
        rowKey={(r) => r.id.toString()}
        rowProps={() => ({ "data-testid": "audit-row" })}
        empty={filter && (filter.kind || filter.user || filter.address || filter.from || filter.to || filter.action) ? "No events match the filter." : "Nothing audited yet: every sign-in, change and refusal appears here, newest first."}
      />
      {filter && last && rows.length === 100 ? <Link className="text-sm text-blue-700 underline" href={`/ch/audit?${queryOf(filter, last.id)}`}>Older</Link> : null}
    </div>
  );
}
