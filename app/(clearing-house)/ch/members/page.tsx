import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { RevokeSessions } from "@/components/users/RevokeSessions";
import { listClearingHouseAndApplicantUsers, listFirms, listMemberUsers } from "@/lib/server/firms/queries";
import { Table } from "@/components/ui/Table";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { FIRM_STATUS_LABELS } from "@/lib/shared/labels";

export default async function MembersPage() {
  const actor = await requirePage("ch.read", "/ch/members");
  const [firms, others] = await Promise.all([listFirms(), listClearingHouseAndApplicantUsers()]);
  const memberUsers = await listMemberUsers();
  const manage = can(actor, "ch.admin");
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Members &amp; users</h1>
      <Table
        caption="Clearing members"
        columns={[
          { key: "code", header: "Code", cell: (f) => <Link className="font-mono underline" href={`/ch/members/${f.code}`}>{f.code}</Link> },
          { key: "name", header: "Clearing member", cell: (f) => f.legalName },
          { key: "form", header: "Form", cell: (f) => f.legalForm },
          { key: "bank", header: "Bank", cell: (f) => (f.isBank ? "Yes" : "No") },
          { key: "fcm", header: "FCM", cell: (f) => (f.isFcm ? "Yes" : "No") },
          { key: "otc", header: "OTC", cell: (f) => (f.clearsOtc ? "Yes" : "No") },
          { key: "exchanges", header: "Exchanges", cell: (f) => f.exchanges.join(", ") },
          { key: "status", header: "Status", cell: (f) => <StatusBadge value={f.status} labels={FIRM_STATUS_LABELS} tone={f.status === "ACTIVE" ? "good" : f.status === "IN_DEFAULT" ? "bad" : "neutral"} /> },
          { key: "users", header: "Users", numeric: true, cell: (f) => f._count.users },
        ]}
        rows={firms}
        rowKey={(f) => f.id}
        empty="No clearing member yet: firms appear here when their membership application is approved."
      />
      <section>
        <h2 className="text-lg font-semibold">Users</h2>
        <Table
          caption="Users"
          columns={[
            { key: "firm", header: "Firm", cell: (u) => <span className="font-mono">{u.firm?.code ?? (u.role.startsWith("CH_") ? "clearing house" : "applicant")}</span> },
            { key: "name", header: "Name", cell: (u) => u.name },
            { key: "email", header: "Email", cell: (u) => u.email },
            { key: "role", header: "Role", cell: (u) => ROLE_LABELS[u.role] },
            { key: "action", header: "", cell: (u) => (manage ? <RevokeSessions userId={u.id} email={u.email} /> : null) },
          ]}
          rows={[...others.map((u) => ({ ...u, firm: null as { code: string } | null })), ...memberUsers]}
          rowKey={(u) => u.id}
          empty="No users yet."
        />
      </section>
    </div>
  );
}
