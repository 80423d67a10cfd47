import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { RevokeSessions } from "@/components/users/RevokeSessions";
import { listClearingHouseAndApplicantUsers, listFirms, listMemberUsers } from "@/lib/server/firms/queries";

export default async function MembersPage() {
  const actor = await requirePage("ch.read", "/ch/members");
  const [firms, others] = await Promise.all([listFirms(), listClearingHouseAndApplicantUsers()]);
  const memberUsers = await listMemberUsers();
  const manage = can(actor, "ch.admin");
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Members &amp; users</h1>
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500">
          <tr><th>Code</th><th>Clearing member</th><th>Form</th><th>Bank</th><th>FCM</th><th>OTC</th><th>Exchanges</th><th>Status</th><th className="num">Users</th></tr>
        </thead>
        <tbody>
          {firms.map((f) => (
            <tr key={f.id} className="border-t border-slate-200">
              <td className="font-mono"><Link className="underline" href={`/ch/members/${f.code}`}>{f.code}</Link></td><td>{f.legalName}</td><td>{f.legalForm}</td><td>{f.isBank ? "Yes" : "No"}</td><td>{f.isFcm ? "Yes" : "No"}</td>
              <td>{f.clearsOtc ? "Yes" : "No"}</td><td>{f.exchanges.join(", ")}</td><td>{f.status}</td><td className="num">{f._count.users}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section>
        <h2 className="text-lg font-semibold">Users</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-slate-500"><tr><th>Firm</th><th>Name</th><th>Email</th><th>Role</th><th /></tr></thead>
          <tbody>
            {[...others.map((u) => ({ ...u, firm: null as { code: string } | null })), ...memberUsers].map((u) => (
              <tr key={u.id} className="border-t border-slate-200">
                <td className="font-mono">{u.firm?.code ?? (u.role.startsWith("CH_") ? "clearing house" : "applicant")}</td><td>{u.name}</td><td>{u.email}</td><td>{ROLE_LABELS[u.role]}</td>
                <td>{manage ? <RevokeSessions userId={u.id} email={u.email} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
