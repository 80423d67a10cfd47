import Decimal from "decimal.js";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction } from "@/lib/server/action";
import { deliverBatch, type Transport } from "@/lib/notify/worker";
import { addKeyContact, closeSurveillanceCase, fileNotice, fileReport, removeKeyContact, reviewFiling, signOffKeyContacts } from "@/lib/server/filings/actions";
import { filingDetail, memberFilingsOverview, surveillanceBoard } from "@/lib/server/filings/queries";
import { D } from "@/lib/risk";
import { importTemplateStatements } from "@/lib/server/filings/import";
import { filingSettings } from "@/lib/server/filings/service";
import { isoOf } from "@/lib/shared/dates";
import { addBusinessDays } from "@/lib/risk/calendar";
import { TEMPLATE_COLUMNS, todayUtc } from "@/lib/validation/filing";
import type { Actor } from "@/lib/auth/session";
import { testClient } from "../support/db";
import { actorFor, requestAs } from "../support/actors";

const COBT_LINES = { current_assets: "20,000,000", total_liabilities: "14000000", charge_speculative_proprietary: "700000", customer_risk_maintenance_pb: "0", noncustomer_risk_maintenance_pb: "0" };

describe("financial report filing and capital surveillance", () => {
  const db = testClient();
  let member: Actor;
  let other: Actor;
  let admin: Actor;
  let risk: Actor;
  let pdfId: string;
  let originalId: string;
  let amendmentId: string;

  async function storedPdf(actor: Actor, contentType = "application/pdf"): Promise<string> {
    const row = await db.storedFile.create({ data: { firmId: actor.firmId, ownerUserId: actor.userId, purpose: "filing-document", originalName: "signed.pdf", contentType, sizeBytes: 1000n, sha256: "0".repeat(64), storageKey: randomUUID() } });
    return row.id;
  }

  beforeAll(async () => {
    member = await actorFor(db, "ops@cobt.example");
    other = await actorFor(db, "ops@blue.example");
    admin = await actorFor(db, "admin@clearinghouse.example");
    risk = await actorFor(db, "risk@clearinghouse.example");
    pdfId = await storedPdf(member);
  });
  afterAll(() => db.$disconnect());

  it("a firm with no filings yet sees every report due since it became a member: COBT and FOXH owe the month just ended, 17 business days after it, with a file link", async () => {
    const today = todayUtc();
    const monthJustEnded = isoOf(new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 0)));
    for (const code of ["COBT", "FOXH"]) {
      const firm = await db.firm.findUniqueOrThrow({ where: { code } });
      const overview = await memberFilingsOverview(firm.id);
      const settings = await filingSettings(db);
      const entry = overview.calendar.find((c) => c.kind === "MONTHLY_1FR" && c.periodEnd === monthJustEnded);
      expect(entry, `${code}'s calendar holds the Monthly 1-FR for ${monthJustEnded}`).toBeDefined();
      expect(entry!.dueDate).toBe(addBusinessDays(settings.calendar, monthJustEnded, 17));
      // "due" or "missing" (not filed, its period over): the page offers the file link for both.
      expect(["due", "missing"]).toContain(entry!.status);
    }
  });

  it("the demo data holds a filing history computed by the same code: ACME monthly, an EVGR breach case, a DLTA gap", async () => {
    const acme = await db.firm.findUniqueOrThrow({ where: { code: "ACME" } });
    const filings = await db.filing.findMany({ where: { firmId: acme.id }, orderBy: { periodEnd: "asc" } });
    expect(filings).toHaveLength(6);
    expect(filings.every((f) => f.kind === "MONTHLY_1FR" && !f.lateFiling && !f.belowEarlyWarning)).toBe(true);
    const evgr = await db.firm.findUniqueOrThrow({ where: { code: "EVGR" } });
    expect(await db.surveillanceCase.count({ where: { firmId: evgr.id, closedAt: null } })).toBe(1);
    // EVGR clears agricultural OTC at CBOT: a $5,000,000 minimum (002 Summary of Requirements), not other Base OTC's $50,000,000
    const evgrLatest = await db.filing.findFirstOrThrow({ where: { firmId: evgr.id }, orderBy: { periodEnd: "desc" } });
    expect(evgrLatest.minimumCapital.toFixed(2)).toBe("5000000.00");
    expect(evgrLatest.bindingRequirement).toMatch(/agricultural OTC/);
    // Demo history is not news: seeding e-mails nobody.
    expect(await db.outboxMessage.count({ where: { kind: { startsWith: "filing." } } })).toBe(0);
    const board = await surveillanceBoard("excessPercent", "asc");
    const dlta = board.find((r) => r.firm.code === "DLTA")!;
    expect(dlta.missing).toHaveLength(1);
    expect(dlta.lateCount).toBe(1);
    expect(dlta.flags).toContain("substantial reduction");
    expect(board.find((r) => r.firm.code === "EVGR")!.flags).toContain("below early warning");
    // The excess percentage is exact to one decimal (a decimal string, never a JavaScript number),
    // and the board sorts on exact decimals.
    const withPercent = board.filter((r) => r.excessPercent !== null);
    expect(withPercent.length).toBeGreaterThan(3);
    for (const r of withPercent) {
      expect(r.excessPercent).toMatch(/^-?\d+\.\d$/);
      const exact = new D(r.latest!.excessOverMinimum.toString()).div(r.latest!.minimumCapital.toString()).times(100);
      expect(exact.minus(r.excessPercent!).abs().lessThanOrEqualTo("0.05")).toBe(true);
    }
    for (let i = 1; i < withPercent.length; i++) expect(new D(withPercent[i - 1]!.excessPercent!).lessThanOrEqualTo(withPercent[i]!.excessPercent!)).toBe(true);
    const byAnc = await surveillanceBoard("anc", "desc");
    const ancs = byAnc.filter((r) => r.latest).map((r) => new D(r.latest!.adjustedNetCapital.toString()));
    for (let i = 1; i < ancs.length; i++) expect(ancs[i - 1]!.greaterThanOrEqualTo(ancs[i]!)).toBe(true);
  });

  it("a member files a report below the early-warning level: ANC and flags stored, a case opened, the firm and the CH admins e-mailed", async () => {
    const before = await db.outboxMessage.count({ where: { kind: "filing.capital-breach" } });
    const result = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-05-31", lines: COBT_LINES, signedDocumentId: pdfId });
    expect(result).toMatchObject({ ok: true, data: { version: 1 } });
    if (!result.ok) return;
    originalId = result.data.id;
    const f = await db.filing.findUniqueOrThrow({ where: { id: originalId }, include: { lines: true } });
    // ANC = 20,000,000 − 14,000,000 − 700,000; NYMEX/COMEX futures-only minimum $5,000,000; early warning 110%.
    expect(f.adjustedNetCapital.toFixed(2)).toBe("5300000.00");
    expect(f.minimumCapital.toFixed(2)).toBe("5000000.00");
    expect(f.earlyWarningLevel.toFixed(2)).toBe("5500000.00");
    expect(f.excessOverMinimum.toFixed(2)).toBe("300000.00");
    expect(f).toMatchObject({ belowMinimum: false, belowEarlyWarning: true, lateFiling: true, status: "SUBMITTED", signedDocumentId: pdfId });
    expect(f.noticesRequired).toEqual(["failure to maintain early warning capital"]);
    expect(f.lines.find((l) => l.line === "current_assets")!.amount.toFixed(2)).toBe("20000000.00");
    expect(result.data.caseId).toBeTruthy();
    const c = await db.surveillanceCase.findUniqueOrThrow({ where: { id: result.data.caseId! } });
    expect(c).toMatchObject({ firmId: member.firmId, filingId: originalId, closedAt: null });
    const mails = await db.outboxMessage.findMany({ where: { kind: "filing.capital-breach", dedupeKey: { startsWith: `filing-breach:${originalId}` } } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["admin@clearinghouse.example", "ops@cobt.example", "risk@cobt.example"]);
    expect(await db.outboxMessage.count({ where: { kind: "filing.capital-breach" } })).toBe(before + 3);
  });

  it("the surveillance board shows excess over the minimum as an exact percent and sorts firms by it as decimals", async () => {
    const board = await surveillanceBoard("excessPercent", "asc");
    // COBT: excess 300,000 over a 5,000,000 minimum = 6.0 % (a decimal string, not a float)
    expect(board.find((r) => r.firm.code === "COBT")!.excessPercent).toBe("6.0");
    const shown = board.map((r) => r.excessPercent).filter((x): x is string => x !== null);
    const sorted = [...shown].sort((a, b) => new Decimal(a).comparedTo(new Decimal(b)));
    expect(shown).toEqual(sorted);
  });

  it("refuses a duplicate filing for the same period, a future date, a missing line, a non-PDF original; nothing stored", async () => {
    const count = await db.filing.count();
    const dup = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-05-31", lines: COBT_LINES, signedDocumentId: pdfId });
    expect(dup).toMatchObject({ ok: false, formError: "A Monthly CFTC Form 1-FR for 2026-05-31 is already filed (version 1); file an amendment of it instead. Nothing was filed.", fieldErrors: { periodEnd: ["Already filed for 2026-05-31"] } });
    const future = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2099-01-31", lines: COBT_LINES, signedDocumentId: pdfId });
    expect(future).toMatchObject({ ok: false, fieldErrors: { periodEnd: ["2099-01-31 is in the future; a statement is filed after its date"] } });
    const missing = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-04-30", lines: { ...COBT_LINES, total_liabilities: "", charge_other: "abc" }, signedDocumentId: pdfId });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { "lines.total_liabilities": ["Total liabilities is required"], "lines.charge_other": ["'abc' is not an amount (digits with at most two decimals)"] } });
    const csvId = await storedPdf(member, "text/csv");
    const notPdf = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-04-30", lines: COBT_LINES, signedDocumentId: csvId });
    expect(notPdf).toMatchObject({ ok: false, formError: 'The signed original must be a PDF; "signed.pdf" is not.' });
    const wrongKind = await executeAction(fileReport.definition, requestAs(member), { kind: "BANK_QUARTERLY", periodEnd: "2026-03-31", regulatorFilingDate: "2026-04-30", lines: COBT_LINES, signedDocumentId: pdfId });
    expect(wrongKind).toMatchObject({ ok: false, formError: expect.stringMatching(/does not file a Bank quarterly report/) });
    const inconsistent = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-04-30", lines: { ...COBT_LINES, subordinated_liabilities: "15000000" }, signedDocumentId: pdfId });
    expect(inconsistent).toMatchObject({ ok: false, fieldErrors: { "lines.subordinated_liabilities": ["subordinated liabilities cannot exceed total liabilities"] } });
    expect(await db.filing.count()).toBe(count);
  });

  it("an amendment is a new version linked to the original; the original is kept unchanged; only the latest version can be amended", async () => {
    const result = await executeAction(fileReport.definition, requestAs(member), {
      kind: "MONTHLY_1FR", periodEnd: "2026-05-31", lines: { ...COBT_LINES, current_assets: "21000000" }, signedDocumentId: pdfId, amendsId: originalId, amendmentReason: "Corrected current assets",
    });
    expect(result).toMatchObject({ ok: true, data: { version: 2 } });
    if (!result.ok) return;
    amendmentId = result.data.id;
    const [v1, v2] = await db.filing.findMany({ where: { firmId: member.firmId!, periodEnd: new Date("2026-05-31") }, orderBy: { version: "asc" } });
    expect(v1!.adjustedNetCapital.toFixed(2)).toBe("5300000.00");
    expect(v2).toMatchObject({ amendsId: originalId, amendmentReason: "Corrected current assets", belowEarlyWarning: false });
    expect(v2!.adjustedNetCapital.toFixed(2)).toBe("6300000.00");
    const again = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-05-31", lines: COBT_LINES, signedDocumentId: pdfId, amendsId: originalId, amendmentReason: "second try" });
    expect(again).toMatchObject({ ok: false, formError: "Version 1 is already amended by version 2: amend the latest version." });
    const noReason = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-05-31", lines: COBT_LINES, signedDocumentId: pdfId, amendsId: amendmentId });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { amendmentReason: ["Say what the amendment corrects (at least 5 characters)"] } });
  });

  it("a template import is checked against the firm's filings of that kind: an already filed period names the row", async () => {
    const row = (v: Record<string, string>) => TEMPLATE_COLUMNS.map((c) => v[c] ?? "").join(",");
    const csv = [TEMPLATE_COLUMNS.join(","), row({ period_end: "2026-04-30", ...COBT_LINES, current_assets: "20000000" }), row({ period_end: "2026-05-31", ...COBT_LINES, current_assets: "20000000" })].join("\n");
    await expect(importTemplateStatements(member.firmId!, "MONTHLY_1FR", new TextEncoder().encode(csv), "t.csv")).rejects.toThrow(
      "row 3, column period_end: a report for 2026-05-31 is already filed; file an amendment of it instead",
    );
    const ok = await importTemplateStatements(member.firmId!, "MONTHLY_1FR", new TextEncoder().encode(csv.split("\n").slice(0, 2).join("\n")), "t.csv");
    expect(ok).toEqual([expect.objectContaining({ row: 2, periodEnd: "2026-04-30" })]);
    // Another firm (a bank: quarter ends) imports a period it has not filed.
    const blue = await importTemplateStatements(other.firmId!, "BANK_QUARTERLY", new TextEncoder().encode([TEMPLATE_COLUMNS.join(","), row({ period_end: "2025-12-31", ...COBT_LINES, current_assets: "20000000" })].join("\n")), "t.csv");
    expect(blue).toHaveLength(1);
    await expect(importTemplateStatements(member.firmId!, "BANK_QUARTERLY", new TextEncoder().encode(csv), "t.csv")).rejects.toThrow(/does not file a Bank quarterly report/);
  });

  it("a template imported on the amendment page fills the amendment: the amended report's period is not refused as already filed", async () => {
    const row = (v: Record<string, string>) => TEMPLATE_COLUMNS.map((c) => v[c] ?? "").join(",");
    const csv = [TEMPLATE_COLUMNS.join(","), row({ period_end: "2026-04-30", ...COBT_LINES, current_assets: "20000000" }), row({ period_end: "2026-05-31", ...COBT_LINES, current_assets: "22000000" })].join("\n");
    const bytes = new TextEncoder().encode(csv);
    // Amending the latest version (2) of 2026-05-31: that period's statement fills the form.
    const statements = await importTemplateStatements(member.firmId!, "MONTHLY_1FR", bytes, "t.csv", amendmentId);
    expect(statements).toEqual([expect.objectContaining({ row: 3, periodEnd: "2026-05-31", lines: expect.objectContaining({ current_assets: "22000000" }) })]);
    // A superseded version, a file without the amended period, another firm's filing: refused, naming why.
    await expect(importTemplateStatements(member.firmId!, "MONTHLY_1FR", bytes, "t.csv", originalId)).rejects.toThrow("version 1 is already amended by version 2: amend the latest version");
    const april = new TextEncoder().encode(csv.split("\n").slice(0, 2).join("\n"));
    await expect(importTemplateStatements(member.firmId!, "MONTHLY_1FR", april, "t.csv", amendmentId)).rejects.toThrow("column period_end: the file has no statement dated 2026-05-31, the period of the report this amendment corrects");
    await expect(importTemplateStatements(other.firmId!, "BANK_QUARTERLY", bytes, "t.csv", amendmentId)).rejects.toThrow("no such filing of your firm to amend");
    // Without the amendment the same period is refused as already filed (the new-report page).
    await expect(importTemplateStatements(member.firmId!, "MONTHLY_1FR", bytes, "t.csv")).rejects.toThrow("a report for 2026-05-31 is already filed");
  });

  it("another firm's member cannot read or amend the filing (looked up by id and session firm)", async () => {
    expect(await filingDetail(originalId, other.firmId)).toBeNull();
    expect((await filingDetail(originalId, member.firmId))!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await filingDetail(originalId, null))!.filing.id).toBe(originalId);
    const otherPdf = await storedPdf(other);
    const amend = await executeAction(fileReport.definition, requestAs(other), { kind: "BANK_QUARTERLY", periodEnd: "2026-05-31", regulatorFilingDate: "2026-06-30", lines: COBT_LINES, signedDocumentId: otherPdf, amendsId: amendmentId, amendmentReason: "not mine" });
    expect(amend).toMatchObject({ ok: false });
    // Another firm's upload cannot serve as the signed original.
    const foreignDoc = await executeAction(fileReport.definition, requestAs(member), { kind: "MONTHLY_1FR", periodEnd: "2026-03-31", lines: COBT_LINES, signedDocumentId: otherPdf });
    expect(foreignDoc).toMatchObject({ ok: false, formError: expect.stringMatching(/not found among your firm's uploads/) });
    const overview = await memberFilingsOverview(member.firmId!);
    expect(overview.filings.map((f) => f.id)).toEqual([amendmentId]);
  });

  it("the clearing house queries the latest version with a message; the superseded version cannot be reviewed; risk staff cannot review", async () => {
    const superseded = await executeAction(reviewFiling.definition, requestAs(admin), { filingId: originalId, decision: "ACCEPT" });
    expect(superseded).toMatchObject({ ok: false, formError: "Version 1 is superseded by version 2; review the latest version." });
    const noMessage = await executeAction(reviewFiling.definition, requestAs(admin), { filingId: amendmentId, decision: "QUERY", message: "" });
    expect(noMessage).toMatchObject({ ok: false, fieldErrors: { message: ["A query needs a message for the member (at least 5 characters)"] } });
    const q = await executeAction(reviewFiling.definition, requestAs(admin), { filingId: amendmentId, decision: "QUERY", message: "Explain the change in current assets." });
    expect(q).toMatchObject({ ok: true, data: { status: "QUERIED" } });
    expect((await db.filing.findUniqueOrThrow({ where: { id: amendmentId } })).status).toBe("QUERIED");
    expect(await db.outboxMessage.count({ where: { kind: "filing.queried", toAddress: "ops@cobt.example", body: { contains: "Explain the change in current assets." } } })).toBe(1);
    const byRisk = await executeAction(reviewFiling.definition, requestAs(risk), { filingId: amendmentId, decision: "ACCEPT" });
    expect(byRisk).toMatchObject({ ok: false, formError: expect.stringMatching(/^Not allowed/) });
  });

  it("a breach case stays open until an admin closes it with a reason", async () => {
    const open = await db.surveillanceCase.findFirstOrThrow({ where: { firmId: member.firmId!, closedAt: null } });
    const noReason = await executeAction(closeSurveillanceCase.definition, requestAs(admin), { caseId: open.id, reason: "" });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: ["Say why the case is closed (at least 5 characters)"] } });
    const closed = await executeAction(closeSurveillanceCase.definition, requestAs(admin), { caseId: open.id, reason: "Amended statement restores capital above early warning" });
    expect(closed.ok).toBe(true);
    expect(await db.surveillanceCase.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ closeReason: "Amended statement restores capital above early warning", closedById: admin.userId });
    const twice = await executeAction(closeSurveillanceCase.definition, requestAs(admin), { caseId: open.id, reason: "again, again" });
    expect(twice).toMatchObject({ ok: false, formError: "No such open case; nothing was changed." });
  });

  it("required notices carry the fields of their kind; each kind's rules are checked", async () => {
    const ok = await executeAction(fileNotice.definition, requestAs(member), { kind: "ACCOUNTANT_CHANGE", previousAccountant: "Old & Co LLP", newAccountant: "New Partners LLP", effectiveDate: "2026-10-01", reason: "Rotation of auditors" });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(await db.regulatoryNotice.findUniqueOrThrow({ where: { id: ok.data.id } })).toMatchObject({ firmId: member.firmId, kind: "ACCOUNTANT_CHANGE", details: { previousAccountant: "Old & Co LLP", newAccountant: "New Partners LLP", effectiveDate: "2026-10-01", reason: "Rotation of auditors" } });
    const late = await executeAction(fileNotice.definition, requestAs(member), { kind: "SIGNIFICANT_TRANSACTION", expectedDate: "2026-01-01", description: "Sale of the OTC desk", counterparties: "Buyer Inc", expectedCapitalImpact: "none" });
    expect(late).toMatchObject({ ok: false, fieldErrors: { expectedDate: ["Notice is due before the transaction: the expected date must be in the future"] } });
    const small = await executeAction(fileNotice.definition, requestAs(member), { kind: "OWNERSHIP_CHANGE", ownerName: "Small Holder", previousPercent: "1", newPercent: "3", effectiveDate: "2026-10-01" });
    expect(small).toMatchObject({ ok: false, fieldErrors: { newPercent: [expect.stringMatching(/5% or more/)] } });
    const missing = await executeAction(fileNotice.definition, requestAs(member), { kind: "MINIMUM_CAPITAL_FAILURE", asOfDate: "2026-10-31" });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { adjustedNetCapital: expect.any(Array), minimumCapital: expect.any(Array), cause: expect.any(Array), remediation: expect.any(Array) } });
  });

  it("key personnel contacts: added, removed (kept), and the semi-annual sign-off snapshots the current list", async () => {
    const empty = await executeAction(signOffKeyContacts.definition, requestAs(member), { confirm: true });
    expect(empty).toMatchObject({ ok: false, formError: "Add your key personnel contacts before signing off that they are current." });
    const a = await executeAction(addKeyContact.definition, requestAs(member), { function: "Chief financial officer", name: "Cora Blake", title: "CFO", email: "cora@cobt.example", phone: "+1 312 555 0100" });
    const b = await executeAction(addKeyContact.definition, requestAs(member), { function: "Operations", name: "Otto Ray", title: "Head of operations", email: "otto@cobt.example", phone: "+1 312 555 0101" });
    expect(a.ok && b.ok).toBe(true);
    const bad = await executeAction(addKeyContact.definition, requestAs(member), { function: "Operations", name: "X", title: "Y", email: "nope", phone: "call me" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { name: expect.any(Array), email: ["Give an e-mail address"], phone: expect.any(Array) } });
    if (!b.ok) return;
    const removedByOther = await executeAction(removeKeyContact.definition, requestAs(other), { contactId: b.data.id, reason: "not mine" });
    expect(removedByOther).toMatchObject({ ok: false, formError: "No such current contact of your firm; nothing was changed." });
    expect((await executeAction(removeKeyContact.definition, requestAs(member), { contactId: b.data.id, reason: "left the firm" })).ok).toBe(true);
    const signed = await executeAction(signOffKeyContacts.definition, requestAs(member), { confirm: true });
    expect(signed.ok).toBe(true);
    if (signed.ok) expect((await db.keyPersonSignOff.findUniqueOrThrow({ where: { id: signed.data.id } })).contacts).toEqual([{ function: "Chief financial officer", name: "Cora Blake", title: "CFO", email: "cora@cobt.example", phone: "+1 312 555 0100" }]);
    expect(await db.keyPersonContact.count({ where: { firmId: member.firmId!, removedAt: { not: null } } })).toBe(1);
  });

  it("the worker delivers the e-mails this feature wrote (the shared queue is left empty for the other tests)", async () => {
    const sent: { to: string; subject: string }[] = [];
    const capture: Transport = { name: "test", send: async (m) => void sent.push({ to: m.to, subject: m.subject }) };
    while ((await deliverBatch(db, capture, 50)) > 0) {
      // drain
    }
    expect(sent).toEqual(expect.arrayContaining([{ to: "admin@clearinghouse.example", subject: "COBT: ANC below the early-warning level (2026-05-31)" }]));
    expect(sent.filter((m) => m.subject.startsWith("Query on your")).map((m) => m.to).sort()).toEqual(["ops@cobt.example", "risk@cobt.example"]);
    expect(await db.outboxMessage.count({ where: { kind: { startsWith: "filing." }, status: { not: "SENT" } } })).toBe(0);
  });
});
