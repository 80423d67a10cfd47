/**
 * Financial filings: due dates on the business-day calendar, filing (originals and
 * amendments, each a new version; nothing is overwritten), the capital assessment stored at
 * filing time, surveillance cases opened by breaches, and the notifications they send.
 * Free of Next.js imports so the demo data (lib/demo/seed-filings.ts) files through it too.
 */
import type { Filing, Firm, Prisma } from "@/generated/prisma/client";
import { createBusinessCalendar, type BusinessCalendar } from "@/lib/risk/calendar";
import { formatUsd } from "@/lib/risk/money";
import type { CapitalSettings } from "@/lib/risk/capital";
import { RiskError } from "@/lib/risk/errors";
import { assessFiling, dueDateOf, kindsFor, lineOfRiskError } from "@/lib/filings/capital";
import { clearingHouseRecipients, enqueue, firmRecipients } from "@/lib/notify/outbox";
import { SETTINGS_BY_KEY } from "@/lib/settings/definitions";
import type { FieldErrors, Tx } from "@/lib/server/action";
import { FILING_KIND_LABELS, LINE_CODES, todayUtc, type FilingKindName } from "@/lib/validation/filing";
import { dateOnly, isoOf } from "@/lib/shared/dates";
import { DomainError } from "@/lib/shared/errors";

type Reader = Pick<Prisma.TransactionClient, "setting">;

export { dueDateOf };

export interface FilingSettings {
  readonly calendar: BusinessCalendar;
  readonly holidays: readonly string[];
  readonly monthlyBusinessDays: number;
  readonly annualDays: number;
  readonly annualDaysBrokerDealer: number;
  readonly bankDaysAfterRegulatorFiling: number;
  readonly capital: CapitalSettings & { earlyWarningPercent: string; substantialReductionPercent: string };
}

const KEYS = ["filing.monthlyDueBusinessDays", "filing.annualDueDays", "filing.annualDueDaysBrokerDealer", "filing.bankDueDaysAfterRegulator", "capital.earlyWarningPercent", "capital.substantialReductionPercent", "calendar.holidays"] as const;

/** The settings filings depend on, read through the given client (inside a transaction when filing). */
export async function filingSettings(client: Reader): Promise<FilingSettings> {
  const rows = await client.setting.findMany({ where: { key: { in: [...KEYS] } } });
  const v = (k: (typeof KEYS)[number]) => rows.find((r) => r.key === k)?.value ?? SETTINGS_BY_KEY.get(k)!.defaultValue;
  const holidays = v("calendar.holidays").split(",").map((s) => s.trim()).filter(Boolean);
  return {
    calendar: createBusinessCalendar({ holidays }),
    holidays,
    monthlyBusinessDays: Number.parseInt(v("filing.monthlyDueBusinessDays"), 10),
    annualDays: Number.parseInt(v("filing.annualDueDays"), 10),
    annualDaysBrokerDealer: Number.parseInt(v("filing.annualDueDaysBrokerDealer"), 10),
    bankDaysAfterRegulatorFiling: Number.parseInt(v("filing.bankDueDaysAfterRegulator"), 10),
    capital: { earlyWarningPercent: v("capital.earlyWarningPercent"), substantialReductionPercent: v("capital.substantialReductionPercent") },
  };
}

/** An expected refusal of a filing (code "filing-refused"); nothing is filed. */
function filingRefused(message: string, fieldErrors?: FieldErrors): DomainError {
  return new DomainError("filing-refused", message, fieldErrors);
}


/** The current (latest) version of every report of a firm, oldest period first. */
export async function currentFilings(client: Pick<Prisma.TransactionClient, "filing">, firmId: string) {
  return client.filing.findMany({ where: { firmId, amendedBy: { is: null } }, orderBy: [{ periodEnd: "asc" }, { kind: "asc" }] });
}

/** The ANC of the most recently filed report for an earlier period (Rule 972 compares against it). */
export async function previousAnc(client: Pick<Prisma.TransactionClient, "filing">, firmId: string, periodEnd: Date): Promise<string | null> {
  const prev = await client.filing.findFirst({
    where: { firmId, amendedBy: { is: null }, periodEnd: { lt: periodEnd } },
    orderBy: [{ periodEnd: "desc" }, { filedAt: "desc" }],
  });
  return prev ? prev.adjustedNetCapital.toString() : null;
}

export interface SubmitFilingInput {
  readonly kind: FilingKindName;
  readonly periodEnd: string;
  readonly regulatorFilingDate: string;
  readonly lines: Readonly<Record<string, string>>;
  readonly signedDocumentId: string | null;
  readonly amendsId?: string;
  readonly amendmentReason: string;
}

export interface SubmitFilingOptions {
  /** when it was filed (the demo history files in the past); default now */
  readonly filedAt?: Date;
  readonly filedById: string | null;
  /** e-mail a breach (default); the demo history is not news and sends nothing */
  readonly notify?: boolean;
}

/** Money with the dollar sign (exact: lib/risk/money.ts formatUsd). */
const money = (v: string): string => formatUsd(v);

/**
 * Files a report (or an amendment of the latest version of one) for `firm`: checks the kind,
 * the period and duplicates, computes and stores ANC, the requirement, the early-warning level
 * and the flags; a breach opens a surveillance case and e-mails the firm and the clearing house.
 */
export async function submitFiling(tx: Tx, firm: Firm, input: SubmitFilingInput, options: SubmitFilingOptions): Promise<{ filing: Filing; caseId: string | null }> {
  const kindLabel = FILING_KIND_LABELS[input.kind];
  if (!kindsFor(firm).includes(input.kind)) {
    throw filingRefused(`${firm.legalName} does not file a ${kindLabel}: it files ${kindsFor(firm).map((k) => FILING_KIND_LABELS[k]).join(" and ")}.`, { kind: ["Not a report your firm files"] });
  }
  if (firm.isBank && !input.regulatorFilingDate) {
    throw filingRefused("A bank's report is due five days after it is filed with the primary banking regulator: give that date.", { regulatorFilingDate: ["Required for a bank"] });
  }
  const periodEnd = dateOnly(input.periodEnd);
  let version = 1;
  let amends: (Filing & { amendedBy: Filing | null }) | null = null;
  if (input.amendsId) {
    amends = await tx.filing.findFirst({ where: { id: input.amendsId, firmId: firm.id }, include: { amendedBy: true } });
    if (!amends) throw filingRefused("No such filing of your firm to amend; nothing was filed.");
    const newer = amends.amendedBy;
    if (newer) throw filingRefused(`Version ${amends.version} is already amended by version ${newer.version}: amend the latest version.`);
    if (amends.kind !== input.kind || isoOf(amends.periodEnd) !== input.periodEnd) {
      throw filingRefused(`An amendment corrects the same report: ${FILING_KIND_LABELS[amends.kind as FilingKindName]} for ${isoOf(amends.periodEnd)}.`, { periodEnd: ["Must be the amended report's period"] });
    }
    version = amends.version + 1;
  } else {
    const existing = await tx.filing.findFirst({ where: { firmId: firm.id, kind: input.kind, periodEnd }, orderBy: { version: "desc" } });
    if (existing) {
      throw filingRefused(`A ${kindLabel} for ${input.periodEnd} is already filed (version ${existing.version}); file an amendment of it instead. Nothing was filed.`, {
        periodEnd: [`Already filed for ${input.periodEnd}`],
      });
    }
  }
  if (input.signedDocumentId) {
    const doc = await tx.storedFile.findFirst({ where: { id: input.signedDocumentId, firmId: firm.id, purpose: "filing-document" } });
    if (!doc) throw filingRefused("The signed original was not found among your firm's uploads; upload it again.", { signedDocumentId: ["Upload the signed original (PDF)"] });
    if (doc.contentType !== "application/pdf") throw filingRefused(`The signed original must be a PDF; "${doc.originalName}" is not.`, { signedDocumentId: ["The signed original is a PDF"] });
  }

  const settings = await filingSettings(tx);
  const filedAt = options.filedAt ?? new Date();
  const dueDate = dueDateOf(settings, firm, input.kind, input.periodEnd, input.regulatorFilingDate || null)!;
  const previous = await previousAnc(tx, firm.id, periodEnd);
  let assessment;
  try {
    assessment = assessFiling({ firm, lines: input.lines, previousAdjustedNetCapital: previous, dueDate, filedDate: isoOf(filedAt), settings: settings.capital });
  } catch (e) {
    if (e instanceof RiskError) {
      const line = lineOfRiskError(e);
      throw filingRefused(`The statement does not add up: ${e.message}. Nothing was filed.`, line ? { [`lines.${line}`]: [e.message] } : undefined);
    }
    throw e;
  }
  const { flags } = assessment;
  const filing = await tx.filing.create({
    data: {
      firmId: firm.id,
      kind: input.kind,
      periodEnd,
      version,
      amendsId: amends?.id ?? null,
      amendmentReason: amends ? input.amendmentReason : null,
      regulatorFilingDate: input.regulatorFilingDate ? dateOnly(input.regulatorFilingDate) : null,
      dueDate: dateOnly(dueDate),
      filedAt,
      filedById: options.filedById,
      signedDocumentId: input.signedDocumentId,
      adjustedNetCapital: assessment.adjustedNetCapital.adjustedNetCapital.toFixed(2),
      minimumCapital: assessment.minimumCapital.requirement.toFixed(2),
      bindingRequirement: assessment.minimumCapital.binding.description,
      earlyWarningLevel: assessment.earlyWarningLevel.toFixed(2),
      excessOverMinimum: assessment.excessOverMinimum.toFixed(2),
      reductionPercent: assessment.reductionPercent ? assessment.reductionPercent.toDecimalPlaces(4).toFixed(4) : null,
      belowMinimum: flags.belowMinimum,
      belowEarlyWarning: flags.belowEarlyWarning,
      substantialReduction: flags.substantialReduction,
      lateFiling: flags.lateFiling,
      daysLate: assessment.daysLate,
      noticesRequired: [...assessment.noticesRequired],
      lines: { create: LINE_CODES.filter((c) => (input.lines[c] ?? "").trim() !== "").map((c) => ({ line: c, amount: input.lines[c]!.trim().replace(/,/g, "") })) },
    },
  });

  let caseId: string | null = null;
  if (flags.belowMinimum || flags.belowEarlyWarning) {
    const reason = flags.belowMinimum ? "ANC below minimum capital" : "ANC below the early-warning level";
    const open = await tx.surveillanceCase.findFirst({ where: { firmId: firm.id, closedAt: null } });
    if (open) caseId = open.id;
    else {
      const c = await tx.surveillanceCase.create({ data: { firmId: firm.id, filingId: filing.id, reason: `${reason} in the ${kindLabel} for ${input.periodEnd}`, openedAt: filedAt } });
      caseId = c.id;
    }
    const anc = money(filing.adjustedNetCapital.toFixed(2));
    const body = [
      `${firm.legalName} (${firm.code}) filed a ${kindLabel} for ${input.periodEnd}${version > 1 ? ` (amendment, version ${version})` : ""}.`,
      `Adjusted net capital ${anc}; minimum capital ${money(filing.minimumCapital.toFixed(2))}; early-warning level ${money(filing.earlyWarningLevel.toFixed(2))}.`,
      `${reason}. A surveillance case is open until the clearing house closes it with a reason.`,
      assessment.noticesRequired.length ? `Notices required: ${assessment.noticesRequired.join("; ")}.` : "",
    ].filter(Boolean).join("\n");
    const recipients = options.notify === false ? [] : [...(await firmRecipients(tx, firm.id)), ...(await clearingHouseRecipients(tx, ["CH_ADMIN"]))];
    await enqueue(tx, recipients, { kind: "filing.capital-breach", subject: `${firm.code}: ${reason} (${input.periodEnd})`, body, dedupeKey: `filing-breach:${filing.id}` });
  }
  return { filing, caseId };
}

export { todayUtc };
