import Link from "next/link";
import { requirePage } from "@/lib/auth/authorize";
import { areasFor } from "@/lib/auth/areas";
import { can } from "@/lib/auth/permissions";
import { listFirms } from "@/lib/server/firms/queries";
import { clearingHouseQueue } from "@/lib/server/home/obligations";

export default async function ClearingHouseHome() {
  const actor = await requirePage("ch.read", "/ch");
  const [firms, queue] = await Promise.all([listFirms(), clearingHouseQueue()]);
  const areas = areasFor("/ch").filter((a) => a.path !== "/ch" && can(actor, a.permission));
  const waiting = queue.filter((q) => q.count > 0);
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Clearing house</h1>
        <p className="text-slate-600">{firms.length} clearing members · {firms.filter((f) => f.status === "IN_DEFAULT").length} in default</p>
      </section>
      <section aria-labelledby="queue">
        <h2 id="queue" className="text-lg font-semibold">Work to do</h2>
        {waiting.length === 0 ? <p className="text-sm text-slate-600" data-testid="queue-empty">Nothing is waiting: applications, reports to review, surveillance cases, overdue notices, shortfalls, calls, collateral requests, auctions and exemption requests appear here with a count.</p> : null}
        <ul className="mt-2 grid gap-3 md:grid-cols-3" aria-label="Queue of work">
          {queue.map((q) => (
            <li key={q.key} data-testid={`queue-${q.key}`} className={`rounded border p-3 ${q.count > 0 ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
              <Link href={q.href} className="flex items-baseline justify-between gap-3 hover:underline">
                <span>{q.label}</span>
                <span className="text-2xl font-semibold tabular-nums" data-testid="count">{q.count}</span>
              </Link>
              {q.detail && q.count > 0 ? <p className="mt-1 text-xs text-slate-600">{q.detail}</p> : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="grid gap-4 md:grid-cols-3" aria-label="Areas">
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
