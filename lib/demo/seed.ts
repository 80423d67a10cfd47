/**
 * Demo data: the clearing house's staff, seven clearing members of different kinds and their
 * users, one applicant, and a filing history (lib/demo/seed-filings.ts). Used by `npm start` in
 * demo mode and by the tests. Idempotent: it adds nothing to a database that already has them.
 */
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/audit";
import { ensureSettingDefaults } from "@/lib/server/settings/service";
import { ensureConfirmedSecondFactor, secondFactorRequired } from "@/lib/auth/second-factor";
import { demoTotpSecret } from "./second-factor";
import { seedMarginDemo } from "./seed-margin";
import { seedDemoFilings } from "./seed-filings";
import { seedDemoDefaultManagement } from "./seed-default-management";
import { seedDemoStressPaths } from "./seed-stress-paths";

/** The one password of every demo user (demo mode only; README). */
export const DEMO_PASSWORD = "Clearing-Demo-2026!";

export interface DemoFirm {
  readonly code: string;
  readonly legalName: string;
  readonly legalForm: string;
  readonly jurisdiction: string;
  readonly isBank: boolean;
  readonly isFcm: boolean;
  readonly isBrokerDealer: boolean;
  readonly clearsOtc: boolean;
  readonly clearsIrs?: boolean;
  readonly clearsCds?: boolean;
  readonly clearsAgriculturalOtc?: boolean;
  readonly clearsOtherBaseOtc?: boolean;
  readonly hedgeFundRole?: "NONE" | "FUND" | "INVESTMENT_MANAGER";
  readonly exchanges: readonly string[];
  readonly kind: string;
}

/**
 * When the demo firms became members: they are established clearing members, admitted on the
 * first day of the month before the first start, so each owes at least the report for the month
 * just ended (the filing calendar owes every report since a firm became a member). A firm
 * admitted through an application becomes a member the day it is approved.
 */
export function demoMemberSince(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
}

export const DEMO_FIRMS: readonly DemoFirm[] = [
  { code: "ACME", legalName: "Acme Futures LLC", legalForm: "LLC", jurisdiction: "Illinois", isBank: false, isFcm: true, isBrokerDealer: false, clearsOtc: false, exchanges: ["CME", "CBOT"], kind: "non-bank FCM, futures and options only" },
  { code: "BLUE", legalName: "Blue River Bank, N.A.", legalForm: "C corporation", jurisdiction: "New York", isBank: true, isFcm: true, isBrokerDealer: false, clearsOtc: true, clearsIrs: true, exchanges: ["CME", "CBOT", "NYMEX", "COMEX"], kind: "bank FCM, clears IRS" },
  { code: "COBT", legalName: "Cobalt Proprietary Trading LP", legalForm: "LP", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, exchanges: ["NYMEX", "COMEX"], kind: "non-bank, proprietary only, futures only" },
  { code: "DLTA", legalName: "Delta Clearing Corp.", legalForm: "C corporation", jurisdiction: "New York", isBank: false, isFcm: true, isBrokerDealer: true, clearsOtc: true, clearsCds: true, exchanges: ["CME", "CBOT", "NYMEX", "COMEX"], kind: "non-bank FCM and broker-dealer, clears CDS" },
  { code: "EVGR", legalName: "Evergreen Grain Cooperative", legalForm: "Cooperative", jurisdiction: "Illinois", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: true, clearsAgriculturalOtc: true, exchanges: ["CBOT"], kind: "cooperative, proprietary, agricultural OTC" },
  { code: "FOXH", legalName: "Foxhall Capital Management LLC", legalForm: "LLC", jurisdiction: "New York", isBank: false, isFcm: false, isBrokerDealer: false, clearsOtc: false, hedgeFundRole: "INVESTMENT_MANAGER", exchanges: ["CME"], kind: "hedge fund investment manager, futures only" },
  { code: "GRNT", legalName: "Granite Bank plc", legalForm: "C corporation", jurisdiction: "England and Wales", isBank: true, isFcm: false, isBrokerDealer: false, clearsOtc: true, clearsOtherBaseOtc: true, exchanges: ["CME"], kind: "non-US bank, OTC only" },
];

export interface DemoUser {
  readonly email: string;
  readonly name: string;
  readonly role: RoleName;
  readonly firmCode: string | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "risk@clearinghouse.example", name: "Rita Okafor", role: "CH_RISK_STAFF", firmCode: null },
  { email: "admin@clearinghouse.example", name: "Adam Lindqvist", role: "CH_ADMIN", firmCode: null },
  ...DEMO_FIRMS.flatMap((f) => [
    { email: `ops@${f.code.toLowerCase()}.example`, name: `${f.code} Operations`, role: "MEMBER_USER" as const, firmCode: f.code },
    { email: `risk@${f.code.toLowerCase()}.example`, name: `${f.code} Risk Administrator`, role: "MEMBER_RISK_ADMIN" as const, firmCode: f.code },
  ]),
  { email: "applicant@harborview.example", name: "Hana Harbor", role: "APPLICANT", firmCode: null },
];

/**
 * Demo users whose role requires a second factor get the published secret (README), also in a
 * demo database made before second factors existed. Needs TOTP_ENCRYPTION_KEY.
 */
export async function seedDemoSecondFactors(db: PrismaClient): Promise<number> {
  let added = 0;
  for (const u of DEMO_USERS.filter((d) => secondFactorRequired(d.role))) {
    const user = await db.user.findUnique({ where: { email: u.email } });
    if (user && (await ensureConfirmedSecondFactor(db, user.id, demoTotpSecret(u.email)))) added++;
  }
  return added;
}

export async function seedDemo(db: PrismaClient, options: { password?: string; databaseUrl?: string } = {}): Promise<{ seeded: boolean }> {
  await ensureSettingDefaults(db);
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if ((await db.user.count()) > 0) {
    // Demo data added after the first start (each part is idempotent).
    await seedDemoSecondFactors(db);
    if (databaseUrl) await seedMarginDemo(db, { databaseUrl });
    await seedDemoFilings(db);
    await seedDemoDefaultManagement(db);
    await seedDemoStressPaths(db);
    return { seeded: false };
  }
  const passwordHash = await hashPassword(options.password ?? DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const firmIds = new Map<string, string>();
    const memberSince = demoMemberSince();
    for (const f of DEMO_FIRMS) {
      const firm = await tx.firm.create({
        data: {
          code: f.code,
          legalName: f.legalName,
          legalForm: f.legalForm,
          jurisdiction: f.jurisdiction,
          isBank: f.isBank,
          isFcm: f.isFcm,
          isBrokerDealer: f.isBrokerDealer,
          clearsOtc: f.clearsOtc,
          clearsIrs: f.clearsIrs ?? false,
          clearsCds: f.clearsCds ?? false,
          clearsAgriculturalOtc: f.clearsAgriculturalOtc ?? false,
          clearsOtherBaseOtc: f.clearsOtherBaseOtc ?? false,
          hedgeFundRole: f.hedgeFundRole ?? "NONE",
          exchanges: [...f.exchanges],
          createdAt: memberSince,
        },
      });
      firmIds.set(f.code, firm.id);
    }
    for (const u of DEMO_USERS) {
      await tx.user.create({
        data: { email: u.email, name: u.name, role: u.role, passwordHash, firmId: u.firmCode ? firmIds.get(u.firmCode)! : null },
      });
    }
    await recordAudit(tx, { action: "demo.seed", summary: { firms: DEMO_FIRMS.length, users: DEMO_USERS.length } });
  });
  await seedDemoSecondFactors(db);
  if (databaseUrl) await seedMarginDemo(db, { databaseUrl });
  await seedDemoFilings(db);
  await seedDemoDefaultManagement(db);
  await seedDemoStressPaths(db);
  return { seeded: true };
}
