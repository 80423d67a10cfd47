"use server";
import { defineAction, UserError } from "@/lib/server/action";
import { enqueue, firmRecipients } from "@/lib/notify/outbox";
import {
  closeCaseSchema,
  FILING_KIND_LABELS,
  filingSchema,
  keyContactSchema,
  NOTICE_KINDS,
  noticeSchema,
  removeKeyContactSchema,
  reviewFilingSchema,
  signOffContactsSchema,
  type FilingKindName,
} from "@/lib/validation/filing";
import { submitFiling } from "./service";
import { isoOf } from "@/lib/shared/dates";

/** A member files a report, or an amendment of its latest version (a new version; nothing is overwritten). */
export const fileReport = defineAction({
  name: "filings.submit",
  permission: "member.file",
  schema: filingSchema,
  async run(input, { tx, actor }) {
    const firm = await tx.firm.findUniqueOrThrow({ where: { id: actor.firmId! } });
    const { filing, caseId } = await submitFiling(
      tx,
      firm,
      { kind: input.kind, periodEnd: input.periodEnd, regulatorFilingDate: input.regulatorFilingDate, lines: input.lines as Record<string, string>, signedDocumentId: input.signedDocumentId, amendsId: input.amendsId, amendmentReason: input.amendmentReason },
      { filedById: actor.userId },
    ).catch((e: unknown) => {
      // Two submissions of the same report at once: the unique (firm, kind, period, version) index refuses the second.
      if ((e as { code?: string }).code === "P2002") throw new UserError(`A report for ${input.periodEnd} was filed at the same moment; reload and amend it instead. Nothing was filed.`);
      throw e;
    });
    return {
      data: { id: filing.id, version: filing.version, caseId },
      audit: {
        firmId: firm.id,
        action: "filings.submit",
        objectType: "filing",
        objectId: filing.id,
        summary: {
          kind: filing.kind,
          periodEnd: input.periodEnd,
          version: filing.version,
          amends: filing.amendsId,
          adjustedNetCapital: filing.adjustedNetCapital.toFixed(2),
          minimumCapital: filing.minimumCapital.toFixed(2),
          flags: { belowMinimum: filing.belowMinimum, belowEarlyWarning: filing.belowEarlyWarning, substantialReduction: filing.substantialReduction, lateFiling: filing.lateFiling },
          caseId,
        },
      },
      revalidate: ["/member/filings", "/ch/surveillance"],
    };
  },
});

/** The clearing house accepts a filing, or queries it with a message to the member. */
export const reviewFiling = defineAction({
  name: "filings.review",
  permission: "ch.admin",
  schema: reviewFilingSchema,
  async run(input, { tx, actor }) {
    const filing = await tx.filing.findUnique({ where: { id: input.filingId }, include: { amendedBy: true, firm: true } });
    if (!filing) throw new UserError("No such filing; nothing was changed.");
    if (filing.amendedBy) throw new UserError(`Version ${filing.version} is superseded by version ${filing.amendedBy.version}; review the latest version.`);
    const status = input.decision === "ACCEPT" ? "ACCEPTED" : "QUERIED";
    await tx.filing.update({ where: { id: filing.id }, data: { status } });
    const review = await tx.filingReview.create({ data: { filingId: filing.id, decision: input.decision, message: input.message || null, reviewerId: actor.userId } });
    const what = `${FILING_KIND_LABELS[filing.kind as FilingKindName]} for ${isoOf(filing.periodEnd)} (version ${filing.version})`;
    await enqueue(tx, await firmRecipients(tx, filing.firmId), {
      kind: `filing.${status.toLowerCase()}`,
      subject: input.decision === "ACCEPT" ? `Accepted: your ${what}` : `Query on your ${what}`,
      body: input.decision === "ACCEPT" ? `The clearing house accepted your ${what}.${input.message ? `\n${input.message}` : ""}` : `The clearing house has a query on your ${what}:\n\n${input.message}\n\nAnswer it by filing an amendment in the portal.`,
      dedupeKey: `filing-review:${review.id}`,
    });
    return {
      data: { id: review.id, status },
      audit: { firmId: filing.firmId, action: "filings.review", objectType: "filing", objectId: filing.id, summary: { decision: input.decision, message: input.message } },
      revalidate: ["/ch/surveillance", "/member/filings"],
    };
  },
});

/** Closes an open surveillance case, with the reason. */
export const closeSurveillanceCase = defineAction({
  name: "filings.closeCase",
  permission: "ch.admin",
  schema: closeCaseSchema,
  async run(input, { tx, actor }) {
    const result = await tx.surveillanceCase.updateMany({ where: { id: input.caseId, closedAt: null }, data: { closedAt: new Date(), closedById: actor.userId, closeReason: input.reason } });
    if (result.count === 0) throw new UserError("No such open case; nothing was changed.");
    const c = await tx.surveillanceCase.findUniqueOrThrow({ where: { id: input.caseId } });
    return {
      data: { id: c.id },
      audit: { firmId: c.firmId, action: "filings.closeCase", objectType: "surveillance-case", objectId: c.id, summary: { reason: input.reason } },
      revalidate: ["/ch/surveillance"],
    };
  },
});

/** A member files a required notice (SPEC §3), with the fields of its kind. */
export const fileNotice = defineAction({
  name: "filings.notice",
  permission: "member.file",
  schema: noticeSchema,
  async run(input, { tx, actor }) {
    const { kind, ...details } = input;
    const notice = await tx.regulatoryNotice.create({ data: { firmId: actor.firmId!, kind, details, filedById: actor.userId } });
    return {
      data: { id: notice.id },
      audit: { firmId: actor.firmId, action: "filings.notice", objectType: "regulatory-notice", objectId: notice.id, summary: { kind, label: NOTICE_KINDS[kind] } },
      revalidate: ["/member/filings/notices", "/ch/surveillance"],
    };
  },
});

/** Adds a key personnel contact of the member's firm. */
export const addKeyContact = defineAction({
  name: "filings.addKeyContact",
  permission: "member.file",
  schema: keyContactSchema,
  async run(input, { tx, actor }) {
    const c = await tx.keyPersonContact.create({ data: { firmId: actor.firmId!, ...input } });
    return {
      data: { id: c.id },
      audit: { firmId: actor.firmId, action: "filings.addKeyContact", objectType: "key-person-contact", objectId: c.id, summary: { function: input.function, name: input.name } },
      revalidate: ["/member/filings/notices"],
    };
  },
});

/** Removes a key personnel contact (kept, marked removed). */
export const removeKeyContact = defineAction({
  name: "filings.removeKeyContact",
  permission: "member.file",
  schema: removeKeyContactSchema,
  async run(input, { tx, actor }) {
    const result = await tx.keyPersonContact.updateMany({ where: { id: input.contactId, firmId: actor.firmId!, removedAt: null }, data: { removedAt: new Date() } });
    if (result.count === 0) throw new UserError("No such current contact of your firm; nothing was changed.");
    return {
      data: { id: input.contactId },
      audit: { firmId: actor.firmId, action: "filings.removeKeyContact", objectType: "key-person-contact", objectId: input.contactId, summary: { reason: input.reason } },
      revalidate: ["/member/filings/notices"],
    };
  },
});

/** The semi-annual sign-off that the key personnel listing is current and accurate (Rule 983.B). */
export const signOffKeyContacts = defineAction({
  name: "filings.signOffContacts",
  permission: "member.file",
  schema: signOffContactsSchema,
  async run(_input, { tx, actor }) {
    const contacts = await tx.keyPersonContact.findMany({ where: { firmId: actor.firmId!, removedAt: null }, orderBy: { function: "asc" } });
    if (contacts.length === 0) throw new UserError("Add your key personnel contacts before signing off that they are current.");
    const snapshot = contacts.map((c) => ({ function: c.function, name: c.name, title: c.title, email: c.email, phone: c.phone }));
    const s = await tx.keyPersonSignOff.create({ data: { firmId: actor.firmId!, signedById: actor.userId, contacts: snapshot } });
    return {
      data: { id: s.id },
      audit: { firmId: actor.firmId, action: "filings.signOffContacts", objectType: "key-person-sign-off", objectId: s.id, summary: { contacts: contacts.length } },
      revalidate: ["/member/filings/notices"],
    };
  },
});
