/**
 * Demo filing history, so the surveillance board and the capital chart show real figures on
 * a fresh `npm start`: a few months of statements for some demo firms, filed through the same
 * code as the portal's form (lib/server/filings/service.ts), relative to today. Idempotent:
 * does nothing once any filing exists.
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { dueDateOf, filingSettings, submitFiling } from "@/lib/server/filings/service";
import { dateOnly, isoOf } from "@/lib/shared/dates";
import { recordAudit } from "@/lib/audit/audit";
import { todayUtc, type FilingKindName } from "@/lib/validation/filing";

interface DemoStatement {
  /** months (or quarters, for banks) before the latest period that is already due */
  readonly back: number;
  readonly lines: Readonly<Record<string, string>>;
  /** filed this many days after the due date (late); default two days before it */
  readonly daysLate?: number;
}

interface DemoHistory {
  readonly code: string;
  readonly kind: FilingKindName;
  readonly statements: readonly DemoStatement[];
}

const M = (millions: number): string => (millions * 1_000_000).toFixed(2);

function nonBank(anc: number, custPb: number, nonCustPb: number, extra: Record<string, string> = {}): Record<string, string> {
  // current assets − (liabilities − subordinated) − charges = anc
  const liabilities = anc * 2.5;
  const subordinated = anc * 0.3;
  const charges = anc * 0.05;
  return {
    current_assets: M(anc + liabilities - subordinated + charges),
    total_liabilities: M(liabilities),
    subordinated_liabilities: M(subordinated),
    charge_speculative_proprietary: M(charges * 0.6),
    charge_marketable_securities: M(charges * 0.4),
    customer_risk_maintenance_pb: M(custPb),
    noncustomer_risk_maintenance_pb: M(nonCustPb),
    ...extra,
  };
}

export const DEMO_FILING_HISTORY: readonly DemoHistory[] = [
  {
    code: "ACME",
    kind: "MONTHLY_1FR",
    statements: [5, 4, 3, 2, 1, 0].map((back, i) => ({ back, lines: nonBank(38 + i * 1.5, 150 + i * 5, 25) })),
  },
  {
    code: "DLTA",
    kind: "MONTHLY_FOCUS",
    statements: [
      { back: 5, lines: nonBank(128, 400, 50, { sec_requirement: M(12), cds_irs_accounts_pb: M(150) }) },
      { back: 4, lines: nonBank(131, 410, 50, { sec_requirement: M(12), cds_irs_accounts_pb: M(150) }) },
      // back 3: never filed (shows as missing)
      { back: 2, lines: nonBank(126, 420, 55, { sec_requirement: M(13), cds_irs_accounts_pb: M(160) }), daysLate: 3 },
      { back: 1, lines: nonBank(124, 420, 55, { sec_requirement: M(13), cds_irs_accounts_pb: M(160) }) },
      { back: 0, lines: nonBank(92, 430, 60, { sec_requirement: M(13), cds_irs_accounts_pb: M(165) }) },
    ],
  },
  {
    code: "EVGR",
    kind: "MONTHLY_1FR",
    // A CBOT member clearing agricultural OTC: $5,000,000 minimum, early warning at $5,500,000.
    statements: [
      { back: 3, lines: nonBank(6.4, 0, 0) },
      { back: 2, lines: nonBank(6, 0, 0) },
      { back: 1, lines: nonBank(5.75, 0, 0) },
      { back: 0, lines: nonBank(5.32, 0, 0) },
    ],
  },
  {
    code: "BLUE",
    kind: "BANK_QUARTERLY",
    statements: [
      { back: 1, lines: nonBank(8_900, 2_500, 300, { cds_irs_accounts_pb: M(4_000) }) },
      { back: 0, lines: nonBank(9_150, 2_600, 310, { cds_irs_accounts_pb: M(4_200) }) },
    ],
  },
];

function monthEnd(year: number, month0: number): string {
  return isoOf(new Date(Date.UTC(year, month0 + 1, 0)));
}

export async function seedDemoFilings(db: PrismaClient, today: string = todayUtc()): Promise<number> {
  if ((await db.filing.count()) > 0) return 0;
  let count = 0;
  await db.$transaction(
    async (tx) => {
      const settings = await filingSettings(tx);
      for (const h of DEMO_FILING_HISTORY) {
        const firm = await tx.firm.findUnique({ where: { code: h.code } });
        if (!firm) continue;
        const filer = await tx.user.findFirst({ where: { firmId: firm.id, role: "MEMBER_USER" } });
        const bank = h.kind === "BANK_QUARTERLY";
        // Period ends before today, newest first (quarter ends for banks, whose regulatory filing is taken as 30 days after the quarter).
        const ty = Number(today.slice(0, 4));
        const tm = Number(today.slice(5, 7)) - 1;
        const candidates: { periodEnd: string; regulator: string | null; due: string }[] = [];
        for (let m = tm - 1; candidates.length < 24; m--) {
          const periodEnd = monthEnd(ty + Math.floor(m / 12), ((m % 12) + 12) % 12);
          if (bank && !["03", "06", "09", "12"].includes(periodEnd.slice(5, 7))) continue;
          const regulator = bank ? isoOf(new Date(dateOnly(periodEnd).getTime() + 30 * 86_400_000)) : null;
          const due = dueDateOf(settings, firm, h.kind, periodEnd, regulator)!;
          // the latest statement is one whose due date has passed
          if (due < today) candidates.push({ periodEnd, regulator, due });
        }
        for (const s of [...h.statements].sort((a, b) => b.back - a.back)) {
          const p = candidates[s.back]!;
          const filedAt = new Date(dateOnly(p.due).getTime() + (s.daysLate ?? -2) * 86_400_000 + 15 * 3_600_000);
          await submitFiling(tx, firm, { kind: h.kind, periodEnd: p.periodEnd, regulatorFilingDate: p.regulator ?? "", lines: s.lines, signedDocumentId: null, amendmentReason: "" }, { filedAt, filedById: filer?.id ?? null, notify: false });
          count++;
        }
      }
      await recordAudit(tx, { action: "demo.seed-filings", summary: { filings: count } });
    },
    { timeout: 60_000 },
  );
  return count;
}
