import { Table } from "@/components/ui/Table";
import { DateTime } from "@/components/ui/Money";
import { requirePage } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { memberNotices } from "@/lib/server/filings/queries";
import { NOTICE_FIELDS, NOTICE_KINDS, nextSignOffDue, type NoticeKind } from "@/lib/validation/filing";
import { KeyContactForm, NoticeForm, RemoveContactButton, SignOffButton } from "@/components/filings/NoticeForms";
import { formatUtc } from "@/components/format";

export default async function NoticesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("member.read", "/member/filings/notices");
  const asked = (await searchParams).kind ?? "";
  const initialKind = asked in NOTICE_KINDS ? (asked as NoticeKind) : undefined;
  const firmId = actor.firmId!;
  const { notices, contacts, lastSignOff } = await memberNotices(firmId);
  const signOff = nextSignOffDue(lastSignOff?.signedAt ?? null);
  const mayFile = can(actor, "member.file");
  const label = (kind: string, field: string) => NOTICE_FIELDS[kind as NoticeKind]?.find((f) => f.name === field)?.label ?? field;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Notices &amp; key contacts</h1>
        <p className="text-slate-600">Written notices to Financial and Regulatory Surveillance (seed 002 &quot;Notification Requirements&quot;), and your key personnel listing with its semi-annual sign-off (Rule 983.B).</p>
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">File a notice</h2>
        {mayFile ? <NoticeForm initialKind={initialKind} /> : <p className="text-sm text-slate-600">Your role may not file notices.</p>}
        <Table
          caption="Notices filed"
          testId="notices"
          columns={[
            { key: "filed", header: "Filed", cell: (n) => <DateTime value={n.filedAt} /> },
            { key: "notice", header: "Notice", cell: (n) => NOTICE_KINDS[n.kind as NoticeKind] ?? n.kind },
            { key: "details", header: "Details", cell: (n) => Object.entries(n.details as Record<string, string>).map(([k, v]) => <div key={k}><span className="text-slate-500">{label(n.kind, k)}:</span> {v}</div>) },
          ]}
          rows={notices}
          rowKey={(n) => n.id}
          empty="No notice filed yet: each notice you file appears here with its details."
        />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Key personnel contacts</h2>
        <p className={`text-sm ${signOff.overdue ? "font-semibold text-red-700" : "text-slate-600"}`} data-testid="sign-off-status">
          {lastSignOff ? `Last signed off ${formatUtc(lastSignOff.signedAt)}; next sign-off due ${formatUtc(signOff.due)}.` : "Never signed off."}
          {signOff.overdue ? " A sign-off is due now." : ""}
        </p>
        <Table
          caption="Key personnel contacts"
          testId="key-contacts"
          columns={[
            { key: "function", header: "Function", cell: (c) => c.function },
            { key: "name", header: "Name", cell: (c) => c.name },
            { key: "title", header: "Title", cell: (c) => c.title },
            { key: "email", header: "E-mail", cell: (c) => c.email },
            { key: "phone", header: "Phone", cell: (c) => c.phone },
            { key: "action", header: "", cell: (c) => (mayFile ? <RemoveContactButton contactId={c.id} name={c.name} /> : null) },
          ]}
          rows={contacts}
          rowKey={(c) => c.id}
          empty="No key contacts listed: add the firm's contacts for each function (Rule 983.B)."
        />
        {mayFile ? <><KeyContactForm /><SignOffButton /></> : null}
      </section>
    </div>
  );
}
