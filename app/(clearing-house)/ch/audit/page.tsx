import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { auditPage } from "@/lib/server/audit/queries";
import { formatUtc } from "@/components/format";
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
      <table className="w-full text-xs" aria-label="Audit events">
        <thead className="text-left text-slate-500"><tr><th>#</th><th>When (UTC)</th><th>Actor</th><th>Role</th><th>Action</th><th>Object</th><th>Outcome</th><th>Address</th><th>User agent</th><th>Summary</th><th>Hash</th></tr></thead>
        <tbody>
          {rows.map((r) => {
            const client = clientOf(r.summary);
            return (
              <tr key={r.id.toString()} className="border-t border-slate-200 align-top" data-testid="audit-row">
                <td className="font-mono">{r.id.toString()}</td><td className="whitespace-nowrap">{formatUtc(r.at)}</td><td>{r.actorEmail ?? "system"}</td><td>{r.actorRole ?? ""}</td>
                <td className="font-mono">{r.action}</td><td>{[r.objectType, r.objectId].filter(Boolean).join(" ")}</td><td>{r.outcome}</td>
                <td className="font-mono" data-testid="audit-address">{client.address}</td>
                <td className="max-w-48 break-all"><bdi dir="ltr">{visibleText(client.userAgent)}</bdi></td>
                <td className="max-w-md break-all font-mono"><bdi dir="ltr">{visibleText(JSON.stringify(r.summary))}</bdi></td><td className="font-mono">{r.hash.slice(0, 12)}…</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {filter && rows.length === 0 ? <p className="text-sm text-slate-600">No events match the filter.</p> : null}
      {filter && last && rows.length === 100 ? <Link className="text-sm text-blue-700 underline" href={`/ch/audit?${queryOf(filter, last.id)}`}>Older</Link> : null}
    </div>
  );
}
