import { requirePage } from "@/lib/auth/authorize";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listClearingHouseAndApplicantUsers, listFirms } from "@/lib/server/firms/queries";

export default async function MembersPage() {
  await requirePage("ch.read", "/ch/members");
  const [firms, others] = await Promise.all([listFirms(), listClearingHouseAndApplicantUsers()]);
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
              <td className="font-mono">{f.code}</td><td>{f.legalName}</td><td>{f.legalForm}</td><td>{f.isBank ? "Yes" : "No"}</td><td>{f.isFcm ? "Yes" : "No"}</td>
              <td>{f.clearsOtc ? "Yes" : "No"}</td><td>{f.exchanges.join(", ")}</td><td>{f.status}</td><td className="num">{f._count.users}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section>
        <h2 className="text-lg font-semibold">Clearing-house staff and applicants</h2>
        <ul className="mt-2 text-sm">
          {others.map((u) => <li key={u.id}>{u.name} · {u.email} · {ROLE_LABELS[u.role]}</li>)}
        </ul>
      </section>
    </div>
  );
}
