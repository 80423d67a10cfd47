import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { filingDetail } from "@/lib/server/filings/queries";
import { NOTICE_KINDS, type NoticeKind } from "@/lib/validation/filing";
import { FilingDetailView } from "@/components/filings/FilingDetailView";
import { CloseCaseForm, ReviewFilingForm } from "@/components/filings/ReviewForms";
import { formatDate } from "@/components/filings/format";
import { formatUtc } from "@/components/format";

export default async function ChFilingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage("ch.read", "/ch/surveillance");
  const { id } = await params;
  const detail = await filingDetail(id, null);
  if (!detail) notFound();
  const latest = detail.versions.at(-1)!;
  const admin = can(actor, "ch.admin");
  return (
    <div className="space-y-8">
      <Link href="/ch/surveillance" className="text-sm text-blue-800 underline">Back to the board</Link>
      <FilingDetailView
        detail={detail}
        linkBase="/ch/surveillance/filings"
        actions={admin && detail.filing.id === latest.id ? <ReviewFilingForm filingId={latest.id} version={latest.version} /> : null}
      />
      <section>
        <h2 className="text-lg font-semibold">Surveillance cases of {detail.filing.firm.code}</h2>
        {detail.cases.length === 0 ? <p className="text-sm text-slate-600">No cases.</p> : (
          <ul className="mt-2 space-y-3 text-sm" data-testid="surveillance-cases">
            {detail.cases.map((c) => (
              <li key={c.id} className="rounded border border-slate-200 bg-white p-3">
                <p>
                  <strong>{c.closedAt ? "Closed" : "Open"}</strong> · opened {formatUtc(c.openedAt)} · {c.reason} ·{" "}
                  <Link className="text-blue-800 underline" href={`/ch/surveillance/filings/${c.filing.id}`}>filing {formatDate(c.filing.periodEnd)} v{c.filing.version}</Link>
                </p>
                {c.closedAt ? <p className="text-slate-600">Closed {formatUtc(c.closedAt)}: {c.closeReason}</p> : admin ? <CloseCaseForm caseId={c.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Notices filed by {detail.filing.firm.code}</h2>
        {detail.notices.length === 0 ? <p className="text-sm text-slate-600">None.</p> : (
          <ul className="mt-2 space-y-1 text-sm">
            {detail.notices.map((n) => <li key={n.id}>{formatUtc(n.filedAt)} · {NOTICE_KINDS[n.kind as NoticeKind] ?? n.kind}: {Object.entries(n.details as Record<string, string>).map(([k, v]) => `${k} ${v}`).join("; ")}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}
