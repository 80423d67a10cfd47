import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { auditPage } from "@/lib/server/audit/queries";
import { formatUtc } from "@/components/format";
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
      <table className="w-full text-xs">
        <thead className="text-left text-slate-500"><tr><th>#</th><th>When (UTC)</th><th>Actor</th><th>Role</th><th>Action</th><th>Object</th><th>Outcome</th><th>Summary</th><th>Hash</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id.toString()} className="border-t border-slate-200 align-top">
              <td className="font-mono">{r.id.toString()}</td><td className="whitespace-nowrap">{formatUtc(r.at)}</td><td>{r.actorEmail ?? "system"}</td><td>{r.actorRole ?? ""}</td>
              <td className="font-mono">{r.action}</td><td>{[r.objectType, r.objectId].filter(Boolean).join(" ")}</td><td>{r.outcome}</td>
              <td className="max-w-md break-all font-mono"><bdi dir="ltr">{visibleText(JSON.stringify(r.summary))}</bdi></td><td className="font-mono">{r.hash.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
      {last && rows.length === 100 ? <Link className="text-sm text-blue-700 underline" href={`/ch/audit?before=${last.id}${params.action ? `&action=${encodeURIComponent(params.action)}` : ""}`}>Older</Link> : null}
    </div>
  );
}
