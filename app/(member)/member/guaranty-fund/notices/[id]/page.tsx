import { notFoundForFirm, requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { AcknowledgeButton } from "@/components/guaranty-fund/GfForms";
import { formatUtc } from "@/components/format";
import { memberNotice } from "@/lib/server/guaranty-fund/queries";
import { noticeLines } from "@/lib/server/guaranty-fund/documents";
import { NOTICE_KIND_LABELS } from "@/lib/server/guaranty-fund/notices";

export const dynamic = "force-dynamic";

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("member.read", `/member/guaranty-fund/notices/${id}`);
  // Looked up by id AND the session's firm: another firm's notice is not found.
  const found = await memberNotice(actor.firmId!, id);
  if (!found) return notFoundForFirm(actor, `/member/guaranty-fund/notices/${id}`);
  const { notice } = found;
  const lines = noticeLines(notice);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{NOTICE_KIND_LABELS[notice.kind]}</h1>
      {lines.sections.map((s) => (
        <section key={s.title} aria-label={s.title}>
          <h2 className="text-lg font-semibold">{s.title}</h2>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-8 gap-y-1 text-sm">
            {s.rows.map(([k, v]) => (
              <div key={k} className="contents"><dt className="text-slate-500">{k}</dt><dd>{v}</dd></div>
            ))}
          </dl>
        </section>
      ))}
      <p className="text-sm">{notice.rule}</p>
      <p><a className="text-blue-800 underline" href={`/member/guaranty-fund/notices/${notice.id}/pdf`}>Download as PDF</a></p>
      {notice.acknowledgedAt ? (
        <p role="status" className="text-sm text-green-800">Acknowledged {formatUtc(notice.acknowledgedAt)} by {found.acknowledgedByEmail}.</p>
      ) : can(actor, "member.file") ? (
        <AcknowledgeButton noticeId={notice.id} />
      ) : null}
    </div>
  );
}
