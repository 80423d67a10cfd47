/**
 * The membership application form (SPEC §2), one zod schema per step, shared by the
 * multi-step form (react-hook-form) and the server actions. A draft is saved step by step,
 * each step checked by its own schema; submitting checks every step and the rules that span
 * steps (`submittedApplicationSchema`).
 */
import { z } from "zod";
import { EXCHANGES, LEGAL_FORMS, MEMBERSHIP_KINDS } from "@/lib/risk/membership";
import { stepUpFields } from "./auth";

const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

const text = (label: string, max = 200) => z.string().trim().min(1, `Enter the ${label}`).max(max, `At most ${max} characters`);
/** A dollar amount as typed: digits, optional cents, no separators. */
const amount = (label: string) => z.string().trim().regex(AMOUNT, `${label}: enter dollars as digits, e.g. 5000000 or 5000000.00 (no commas)`);
const optionalAmount = (label: string) => z.union([z.literal(""), amount(label)]);
const percent = (label: string) =>
  z
    .string()
    .trim()
    .regex(PERCENT, `${label}: enter a percentage between 0 and 100, e.g. 12.5`)
    .refine((v) => Number(v) <= 100, `${label} cannot be more than 100%`);
const triState = z.enum(["yes", "no", "unknown"], { message: "Choose yes, no or not known yet" });

export const firmStepSchema = z.object({
  legalName: text("firm's legal name"),
  legalForm: z.enum(LEGAL_FORMS, { message: "Choose the legal form" }),
  country: z.string().trim().regex(/^[A-Z]{2}$/, "Enter the two-letter ISO country code in capitals, e.g. US or GB"),
  qualifiedInIllinois: z.boolean(),
  qualifiedInNewYork: z.boolean(),
  agencyAgreement: z.boolean(),
  isBank: z.boolean(),
  fcmRegistered: z.boolean(),
  clearsForCustomers: z.boolean(),
  brokerDealer: z.boolean(),
  hedgeFundRole: z.enum(["none", "fund", "investment-manager"], { message: "Choose the hedge fund status" }),
  regulatoryApprovalsReceived: triState,
  goodStanding: triState,
});

export const scopeStepSchema = z
  .object({
    exchanges: z.array(z.enum(EXCHANGES, { message: "Unknown exchange" })).max(4),
    futuresOptions: z.boolean(),
    agriculturalOtc: z.boolean(),
    otherBaseOtc: z.boolean(),
    irs: z.boolean(),
    cds: z.boolean(),
    guaranteesNymexFloorMembers: z.boolean(),
  })
  .superRefine((s, ctx) => {
    if (!s.futuresOptions && !s.agriculturalOtc && !s.otherBaseOtc && !s.irs && !s.cds) {
      ctx.addIssue({ code: "custom", path: ["futuresOptions"], message: "Choose at least one kind of product to clear" });
    }
    if (s.futuresOptions && s.exchanges.length === 0) {
      ctx.addIssue({ code: "custom", path: ["exchanges"], message: "Exchange-traded futures/options are cleared on an exchange: choose at least one (or clear OTC only)" });
    }
    if (s.guaranteesNymexFloorMembers && !s.exchanges.includes("NYMEX")) {
      ctx.addIssue({ code: "custom", path: ["guaranteesNymexFloorMembers"], message: "Only a NYMEX clearing member guarantees NYMEX floor members (Rule 992): add NYMEX or untick this" });
    }
    if ((s.irs || s.cds) && s.exchanges.length > 0 && !s.exchanges.includes("CME")) {
      ctx.addIssue({ code: "custom", path: ["irs"], message: "A CBOT-, NYMEX- or COMEX-only clearing member is not eligible to clear CDS or IRS (002): add CME or apply OTC only" });
    }
  });

export const capitalStepSchema = z.object({
  capital: amount("Capital"),
  customerRiskMaintenancePerformanceBond: optionalAmount("Customer performance bond"),
  nonCustomerRiskMaintenancePerformanceBond: optionalAmount("Non-customer performance bond"),
  secRequirement: optionalAmount("SEC requirement"),
  cdsIrsAccountsPerformanceBond: optionalAmount("CDS/IRS accounts performance bond"),
  membershipDeposit: optionalAmount("Membership deposit"),
  guarantyFundBaseDeposit: optionalAmount("Base guaranty fund deposit"),
  guarantyFundIrsDeposit: optionalAmount("IRS guaranty fund deposit"),
  guarantyFundCdsDeposit: optionalAmount("CDS guaranty fund deposit"),
  affiliatedIrsArrangement: z.boolean(),
  hedgeFundAssetsUnderManagement: optionalAmount("Assets under management"),
  hedgeFundSeparateAccounts: z.boolean(),
  hedgeFundLiquidityReporting: z.boolean(),
});

export const ownerSchema = z
  .object({
    name: text("owner's name"),
    percent: percent("Ownership"),
    guaranteeOnFile: z.boolean(),
    guaranteePercent: z.union([z.literal(""), percent("Guarantee")]),
  })
  .superRefine((o, ctx) => {
    if (o.guaranteeOnFile && o.guaranteePercent === "") ctx.addIssue({ code: "custom", path: ["guaranteePercent"], message: "Say what percent of house obligations the guarantee covers" });
  });

export const affiliateSchema = z.object({
  name: text("affiliate's name"),
  isClearingMember: z.boolean(),
  commonOwnershipPercent: percent("Common ownership"),
  crossGuaranteeOnFile: z.boolean(),
  clearsIrsHouse: z.boolean(),
  clearsCdsHouse: z.boolean(),
});

export const ownershipStepSchema = z.object({
  owners: z.array(ownerSchema).max(50, "At most 50 owners"),
  affiliates: z.array(affiliateSchema).max(50, "At most 50 affiliates"),
});

export const membershipSchema = z
  .object({
    exchange: z.enum(EXCHANGES, { message: "Choose the exchange" }),
    kind: z.enum(MEMBERSHIP_KINDS, { message: "Choose the kind of membership" }),
    count: z
      .string()
      .trim()
      .regex(/^[1-9]\d{0,2}$/, "Enter a whole number of memberships, at least 1"),
    firmOwned: z.boolean(),
  })
  .superRefine((m, ctx) => {
    if ((m.exchange === "CME") === (m.kind === "full")) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "CME memberships are CME, IMM, IOM or GEM division; CBOT, NYMEX and COMEX memberships are full" });
    }
  });

export const membershipsStepSchema = z.object({
  memberships: z.array(membershipSchema).max(40, "At most 40 rows"),
  settlementBank: z.string().trim().max(200, "At most 200 characters"),
});

export const policiesStepSchema = z.object({
  gc2AdministratorsRegistered: z.boolean(),
});

export const representativeStepSchema = z.object({
  name: text("representative's name"),
  title: text("representative's title", 120),
  role: z.enum(["officer", "principal", "partner", "other"], { message: "Choose officer, principal, partner or other" }),
  email: z.string().trim().min(1, "Enter the representative's e-mail").email("Enter a valid e-mail address").max(200),
});

export const STEP_SCHEMAS = {
  firm: firmStepSchema,
  scope: scopeStepSchema,
  capital: capitalStepSchema,
  ownership: ownershipStepSchema,
  memberships: membershipsStepSchema,
  policies: policiesStepSchema,
  representative: representativeStepSchema,
} as const;

export type StepId = keyof typeof STEP_SCHEMAS;
export const STEP_IDS = Object.keys(STEP_SCHEMAS) as StepId[];

export const STEP_TITLES: Record<StepId, string> = {
  firm: "Firm facts",
  scope: "Exchanges and product scope",
  capital: "Capital figures",
  ownership: "Owners and affiliates",
  memberships: "Memberships and settlement bank",
  policies: "Policies",
  representative: "Authorized representative",
};

export type FirmStep = z.infer<typeof firmStepSchema>;
export type ScopeStep = z.infer<typeof scopeStepSchema>;
export type CapitalStep = z.infer<typeof capitalStepSchema>;
export type OwnershipStep = z.infer<typeof ownershipStepSchema>;
export type MembershipsStep = z.infer<typeof membershipsStepSchema>;
export type PoliciesStep = z.infer<typeof policiesStepSchema>;
export type RepresentativeStep = z.infer<typeof representativeStepSchema>;

/** What is stored: the steps saved so far. */
export interface ApplicationData {
  firm?: FirmStep;
  scope?: ScopeStep;
  capital?: CapitalStep;
  ownership?: OwnershipStep;
  memberships?: MembershipsStep;
  policies?: PoliciesStep;
  representative?: RepresentativeStep;
}

/** Empty values of each step, for a new form. */
export const EMPTY_STEPS: { [K in StepId]: z.input<(typeof STEP_SCHEMAS)[K]> } = {
  firm: {
    legalName: "",
    legalForm: "llc",
    country: "US",
    qualifiedInIllinois: false,
    qualifiedInNewYork: false,
    agencyAgreement: false,
    isBank: false,
    fcmRegistered: false,
    clearsForCustomers: false,
    brokerDealer: false,
    hedgeFundRole: "none",
    regulatoryApprovalsReceived: "unknown",
    goodStanding: "unknown",
  },
  scope: { exchanges: [], futuresOptions: true, agriculturalOtc: false, otherBaseOtc: false, irs: false, cds: false, guaranteesNymexFloorMembers: false },
  capital: {
    capital: "",
    customerRiskMaintenancePerformanceBond: "",
    nonCustomerRiskMaintenancePerformanceBond: "",
    secRequirement: "",
    cdsIrsAccountsPerformanceBond: "",
    membershipDeposit: "",
    guarantyFundBaseDeposit: "",
    guarantyFundIrsDeposit: "",
    guarantyFundCdsDeposit: "",
    affiliatedIrsArrangement: false,
    hedgeFundAssetsUnderManagement: "",
    hedgeFundSeparateAccounts: false,
    hedgeFundLiquidityReporting: false,
  },
  ownership: { owners: [], affiliates: [] },
  memberships: { memberships: [], settlementBank: "" },
  policies: { gc2AdministratorsRegistered: false },
  representative: { name: "", title: "", role: "officer", email: "" },
};

/** Saving one step of a draft. `version` is the version the form was loaded from. */
export const saveStepSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("firm"), version: z.number().int().min(0), values: firmStepSchema }),
  z.object({ step: z.literal("scope"), version: z.number().int().min(0), values: scopeStepSchema }),
  z.object({ step: z.literal("capital"), version: z.number().int().min(0), values: capitalStepSchema }),
  z.object({ step: z.literal("ownership"), version: z.number().int().min(0), values: ownershipStepSchema }),
  z.object({ step: z.literal("memberships"), version: z.number().int().min(0), values: membershipsStepSchema }),
  z.object({ step: z.literal("policies"), version: z.number().int().min(0), values: policiesStepSchema }),
  z.object({ step: z.literal("representative"), version: z.number().int().min(0), values: representativeStepSchema }),
], { message: "Say which step is saved" });
export type SaveStepInput = z.input<typeof saveStepSchema>;

/** Every step present and valid, and the rules that span steps. Issues are keyed `<step>.<field>`. */
export const submittedApplicationSchema = z
  .object({
    firm: firmStepSchema,
    scope: scopeStepSchema,
    capital: capitalStepSchema,
    ownership: ownershipStepSchema,
    memberships: membershipsStepSchema,
    policies: policiesStepSchema,
    representative: representativeStepSchema,
  })
  .superRefine((a, ctx) => {
    if (a.firm.brokerDealer && a.capital.secRequirement === "") {
      ctx.addIssue({ code: "custom", path: ["capital", "secRequirement"], message: "A broker-dealer must state its SEC net capital requirement" });
    }
    const baseProducts = a.scope.futuresOptions || a.scope.agriculturalOtc || a.scope.otherBaseOtc;
    if (baseProducts && a.capital.guarantyFundBaseDeposit === "") {
      ctx.addIssue({ code: "custom", path: ["capital", "guarantyFundBaseDeposit"], message: "State the Base guaranty fund deposit you will post (Rule 816)" });
    }
    if (a.firm.hedgeFundRole === "fund" && a.capital.hedgeFundAssetsUnderManagement === "") {
      ctx.addIssue({ code: "custom", path: ["capital", "hedgeFundAssetsUnderManagement"], message: "A hedge fund applying as the member must state its assets under management" });
    }
    if (a.memberships.settlementBank === "") {
      ctx.addIssue({ code: "custom", path: ["memberships", "settlementBank"], message: "Name the settlement bank" });
    }
  });
export type SubmittedApplication = z.infer<typeof submittedApplicationSchema>;

export const MISSING_STEP_MESSAGE = "This step has not been saved yet";

/** Checks a stored draft for submission: field errors keyed `<step>.<field>`, or the data. */
export function checkSubmission(data: ApplicationData): { ok: true; data: SubmittedApplication } | { ok: false; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  for (const step of STEP_IDS) if (!data[step]) fieldErrors[step] = [`${STEP_TITLES[step]}: ${MISSING_STEP_MESSAGE}`];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const parsed = submittedApplicationSchema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data };
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
  return { ok: false, fieldErrors };
}

// --- applicant and clearing-house actions --------------------------------------------------

export const DOCUMENT_KINDS = {
  aml: "AML and sanctions compliance program (Rule 981)",
  "risk-management": "Risk management policies and procedures (Rule 982)",
  "bcp-dr": "Business continuity and disaster recovery (Rule 983)",
  "agency-agreement": "Agency agreement with an entity qualified in Illinois or New York",
  "otc-settlement": "OTC settlement procedures",
  "otc-default-management": "OTC default management procedures",
  other: "Other supporting document",
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
const documentKinds = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

const version = z.number({ message: "Reload the page" }).int().min(0);
export const attachDocumentSchema = z.object({
  version,
  fileId: z.string().uuid("Upload the file first"),
  kind: z.enum(documentKinds, { message: "Choose what the document is" }),
});
export const removeDocumentSchema = z.object({ version, documentId: z.string().uuid("Unknown document") });
export const submitApplicationSchema = z.object({ version: z.number({ message: "Reload the page and submit again" }).int().min(1) });

const reason = (what: string) => z.string().trim().min(5, `Give the ${what} (at least 5 characters)`).max(2000, "At most 2000 characters");
const applicationId = z.string().uuid("Unknown application");

export const startReviewSchema = z.object({ applicationId });
export const rejectApplicationSchema = z.object({ applicationId, reason: reason("reason for the rejection") });

/** The fields an admin may point at when requesting changes: `<step>` or `<step>.<field>`, or the documents. */
export const REQUESTABLE_FIELDS: readonly string[] = [...STEP_IDS.flatMap((s) => [s, ...Object.keys(STEP_SCHEMAS[s].shape).map((f) => `${s}.${f}`)]), "documents"];

export const requestChangesSchema = z.object({
  applicationId,
  reason: reason("changes needed"),
  fields: z.array(z.string().refine((f) => REQUESTABLE_FIELDS.includes(f), "Unknown field")).min(1, "Tick at least one field or section concerned"),
});
export const recordExemptionSchema = z.object({
  applicationId,
  requirementId: z.string().trim().min(1, "Choose the requirement").max(100),
  reason: reason("reason for the exemption"),
});
export const approveApplicationSchema = z.object({
  applicationId,
  firmCode: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{1,15}$/, "2 to 16 capital letters or digits, starting with a letter, e.g. HRBV"),
  reason: z.string().trim().max(2000, "At most 2000 characters").optional(),
  ...stepUpFields,
});

// --- registration ---------------------------------------------------------------------------

/** Same minimum as lib/auth/password.ts PASSWORD_MIN_LENGTH (a unit test keeps them equal; that module is server-only). */
export const PASSWORD_MIN = 12;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN} characters, with a letter and a digit`;
const newPassword = z
  .string()
  .max(200, "At most 200 characters")
  .refine((p) => p.length >= PASSWORD_MIN && /[A-Za-z]/.test(p) && /\d/.test(p), PASSWORD_RULE);

export const registerSchema = z
  .object({
    name: text("your name", 120),
    email: z.string().trim().toLowerCase().min(1, "Enter your e-mail").email("Enter a valid e-mail address").max(200),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
export type RegisterInput = z.input<typeof registerSchema>;

export const setPasswordSchema = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is not valid"),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
export type SetPasswordInput = z.input<typeof setPasswordSchema>;
