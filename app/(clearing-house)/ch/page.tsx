import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { areasFor } from "@/lib/auth/areas";
import { can } from "@/lib/auth/permissions";
import { listFirms } from "@/lib/server/firms/queries";

export default async function ClearingHouseHome() {
  const actor = await requirePage("ch.read", "/ch");
  const firms = await listFirms();
  const areas = areasFor("/ch").filter((a) => a.path !== "/ch" && can(actor, a.permission));
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Clearing house</h1>
        <p className="text-slate-600">{firms.length} clearing members · {firms.filter((f) => f.status === "IN_DEFAULT").length} in default</p>
      </section>
      <section className="grid gap-4 md:grid-cols-3">
        {areas.map((a) => (
          <Link key={a.path} href={a.path} className="rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-400">
            <h2 className="font-medium">{a.label}</h2>
            <p className="mt-1 text-sm text-slate-600">{a.description}</p>
            {a.pending ? <p className="mt-2 text-xs text-slate-500">Not open yet</p> : null}
          </Link>
        ))}
      </section>
    </div>
  );
}
