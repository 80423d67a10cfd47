import { requirePage } from "@/lib/auth/authorize";
import { firmApiKeys } from "@/lib/server/api-keys/queries";
import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";
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
      <Table
        caption="API keys"
        columns={[
          { key: "name", header: "Name", cell: (k) => k.name },
          { key: "prefix", header: "Prefix", cell: (k) => <span className="font-mono">cmp_{k.prefix}_…</span> },
          { key: "created", header: "Created", cell: (k) => <DateTime value={k.createdAt} /> },
          { key: "used", header: "Last used", cell: (k) => (k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : "never") },
          { key: "status", header: "Status", cell: (k) => (k.revokedAt ? <>revoked <DateTime value={k.revokedAt} /></> : "active") },
          { key: "action", header: "", cell: (k) => (k.revokedAt ? null : <ApiKeyRevoke keyId={k.id} name={k.name} />) },
        ]}
        rows={keys}
        rowKey={(k) => k.id}
        empty="No API keys yet: create one for your systems' order, fill, position and trade feeds."
      />
    </div>
  );
}
