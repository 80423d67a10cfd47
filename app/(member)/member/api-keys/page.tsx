import { requirePage } from "@/lib/auth/authorize";
import { firmApiKeys } from "@/lib/server/api-keys/queries";
import { formatUtc } from "@/components/format";
import { ApiKeyCreate, ApiKeyRevoke } from "@/components/api-keys/ApiKeyForms";

export default async function ApiKeysPage() {
  const actor = await requirePage("member.riskAdmin", "/member/api-keys");
  const keys = await firmApiKeys(actor.firmId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-slate-600">Keys for your systems to send orders, fills, positions and trades and to call the pre-trade check. A key acts for your firm only. The key is shown once when created.</p>
      </div>
      <ApiKeyCreate />
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500"><tr><th>Name</th><th>Prefix</th><th>Created</th><th>Last used</th><th>Status</th><th /></tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} className="border-t border-slate-200">
              <td>{k.name}</td><td className="font-mono">cmp_{k.prefix}_…</td><td>{formatUtc(k.createdAt)}</td><td>{k.lastUsedAt ? formatUtc(k.lastUsedAt) : "never"}</td>
              <td>{k.revokedAt ? `revoked ${formatUtc(k.revokedAt)}` : "active"}</td>
              <td>{k.revokedAt ? null : <ApiKeyRevoke keyId={k.id} name={k.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
