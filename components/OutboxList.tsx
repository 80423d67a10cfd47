import { formatUtc } from "@/components/format";

export interface OutboxRow {
  id: string;
  createdAt: Date;
  sentAt: Date | null;
  toAddress: string;
  kind: string;
  subject: string;
  body: string;
  status: string;
}

/** E-mails the portal sent (or, in demo mode without SMTP, the mailbox itself). */
export function OutboxList({ rows }: { rows: OutboxRow[] }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="text-sm text-slate-600">Every e-mail the portal sends, with its delivery status. In demo mode (no SMTP server configured) this page is the mailbox.</p>
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No messages yet.</p>
      ) : (
        <ul className="mt-4 space-y-3">
          {rows.map((m) => (
            <li key={m.id} className="rounded border border-slate-200 bg-white p-4" data-testid="outbox-message">
              <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-500">
                <span>To {m.toAddress} · {m.kind}</span>
                <span>{formatUtc(m.createdAt)} · {m.status.toLowerCase()}{m.sentAt ? ` ${formatUtc(m.sentAt)}` : ""}</span>
              </div>
              <h2 className="mt-1 font-medium">{m.subject}</h2>
              <pre className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-700">{m.body}</pre>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
