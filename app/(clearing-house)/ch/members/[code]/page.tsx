import Link from "next/link";
import { Table } from "@/components/ui/Table";
import { enumLabel, FIRM_STATUS_LABELS } from "@/lib/shared/labels";
import { DateTime, Money } from "@/components/ui/Money";
import { notFound } from "next/navigation";
import { FirmFactsForm } from "@/components/firms/FirmFactsForm";
import { formatDay } from "@/components/format";
import { FIELD_LABELS } from "@/lib/applications/labels";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { firmForClearingHouse } from "@/lib/server/firms/queries";
import { FILING_KIND_LABELS, type FilingKindName } from "@/lib/validation/filing";
import { firmFactsOf } from "@/lib/validation/firms";

export const dynamic = "force-dynamic";

const HEDGE_FUND_TEXT = { none: "Not a hedge fund", fund: "The hedge fund itself", "investment-manager": "A hedge fund's investment manager" } as const;
const labelOf = (k: string): string => FIELD_LABELS[`firm.${k}`] ?? FIELD_LABELS[`scope.${k}`] ?? k;
const shown = (v: unknown): string => (v === true ? "yes" : v === false ? "no" : HEDGE_FUND_TEXT[v as keyof typeof HEDGE_FUND_TEXT] ?? String(v));

export default async function MemberPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePage("ch.read", `/ch/members/${code}`);
  const found = /^[A-Za-z0-9_-]{1,16}$/.test(code) ? await firmForClearingHouse(code) : null;
  if (!found) notFound();
  const { firm, filings, factChanges } = found;
  const facts = { firmCode: firm.code, ...firmFactsOf(firm) };
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm"><Link className="underline" href="/ch/members">Members &amp; users</Link></p>
        <h1 className="text-2xl font-semibold">{firm.code}: {firm.legalName}</h1>
        <p className="text-slate-600">{firm.legalForm}, {firm.jurisdiction}. Clearing member of {firm.exchanges.length ? firm.exchanges.join(", ") : "no exchange (OTC Derivatives Clearing Member)"}. Status {enumLabel(FIRM_STATUS_LABELS, firm.status).toLowerCase()}; {firm._count.users} user{firm._count.users === 1 ? "" : "s"}.</p>
      </div>
      <section>
        <h2 className="text-lg font-semibold">Facts behind its minimum capital</h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm md:grid-cols-4" aria-label="Member facts">
          {(Object.keys(facts) as (keyof typeof facts)[]).filter((k) => k !== "firmCode").map((k) => (
            <div key={k}><dt className="text-slate-500">{labelOf(k)}</dt><dd>{shown(facts[k])}</dd></div>
          ))}
        </dl>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Latest filings</h2>
        <Table
          caption="Latest filings"
          columns={[
            { key: "report", header: "Report", cell: (f) => <Link className="underline" href={`/ch/surveillance/filings/${f.id}`}>{FILING_KIND_LABELS[f.kind as FilingKindName]}</Link> },
            { key: "period", header: "Period end", cell: (f) => formatDay(f.periodEnd) },
            { key: "anc", header: "Adjusted net capital", numeric: true, cell: (f) => <Money value={f.adjustedNetCapital} /> },
            { key: "minimum", header: "Minimum capital", numeric: true, cell: (f) => <Money value={f.minimumCapital} /> },
            { key: "binding", header: "Binding requirement", cell: (f) => f.bindingRequirement },
          ]}
          rows={filings}
          rowKey={(f) => f.id}
          empty="No filing yet: the member's reports appear here with their capital figures."
        />
      </section>
      {can(actor, "ch.admin") ? <FirmFactsForm facts={facts} /> : null}
      <section>
        <h2 className="text-lg font-semibold">Changes to its facts</h2>
        <Table
          caption="Changes to the member's facts"
          columns={[
            { key: "when", header: "When", cell: (c) => <DateTime value={c.at} /> },
            { key: "by", header: "By", cell: (c) => c.actorEmail },
            { key: "change", header: "Change", cell: (c) => { const s = c.summary as { before?: Record<string, unknown>; after?: Record<string, unknown> }; return Object.keys(s.after ?? {}).map((k) => <div key={k}>{labelOf(k)}: {shown(s.before?.[k])} → {shown(s.after?.[k])}</div>); } },
            { key: "reason", header: "Reason", cell: (c) => (c.summary as { reason?: string }).reason },
          ]}
          rows={factChanges}
          rowKey={(c) => String(c.id)}
          empty="None since approval. Each change to the member's facts appears here with before, after and reason."
        />
      </section>
    </div>
  );
}
