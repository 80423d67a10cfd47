import Link from "next/link";
import { notFoundForFirm, requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { filingDetail } from "@/lib/server/filings/queries";
import { FilingDetailView } from "@/components/filings/FilingDetailView";

/** The notice form's kind for a notice the risk core says is required. */
function noticeKindFor(required: string): string {
  if (required.includes("minimum capital")) return "MINIMUM_CAPITAL_FAILURE";
  if (required.includes("early warning")) return "EARLY_WARNING_FAILURE";
  return "SUBSTANTIAL_REDUCTION";
}

export default async function MemberFilingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage("member.read", "/member/filings");
  const { id } = await params;
  // By id AND the session's firm: another firm's filing answers 404, like one that does not exist.
  const detail = await filingDetail(id, actor.firmId!);
  if (!detail) return notFoundForFirm(actor, `/member/filings/${id}`);
  const latest = detail.versions.at(-1)!;
  const queried = latest.status === "QUERIED";
  return (
    <FilingDetailView
      detail={detail}
      linkBase="/member/filings"
      actions={
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <Link href="/member/filings" className="rounded border border-slate-300 px-3 py-1.5">All filings</Link>
          {can(actor, "member.file") ? <Link href={`/member/filings/new?amends=${latest.id}`} className="rounded bg-blue-800 px-3 py-1.5 text-white">Amend (file version {latest.version + 1})</Link> : null}
          {queried ? <span role="status" className="text-amber-900">The clearing house queried version {latest.version}; answer with an amendment.</span> : null}
          {can(actor, "member.file")
            ? latest.noticesRequired.map((n) => (
                <Link key={n} href={`/member/filings/notices?kind=${noticeKindFor(n)}`} className="rounded border border-amber-400 bg-amber-50 px-3 py-1.5 text-amber-900">File the notice: {n}</Link>
              ))
            : null}
        </div>
      }
    />
  );
}
