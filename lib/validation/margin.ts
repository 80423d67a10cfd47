import { z } from "zod";
import { COLLATERAL_TYPES } from "@/lib/risk/collateral";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An unsigned decimal string (as its regex admits) is above zero when it has a non-zero digit:
 * exact, never through a float, and safe on text the regex refused (refinements still run).
 */
export const aboveZero = (s: string): boolean => /[1-9]/.test(s);
export const businessDate = z.string().trim().regex(DATE, "A date YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a calendar date");
export const cycleChoice = z.enum(["1", "2", "adhoc"], { message: "Choose cycle 1, cycle 2 or an ad hoc cycle" });

export const loadRiskParametersSchema = z.object({
  businessDate,
  fileId: z.string().uuid("Upload the SPAN XML file first"),
});

export const loadSettlementPricesSchema = z
  .object({
    businessDate,
    cycle: cycleChoice,
    fileId: z.string().uuid("Upload a CSV file").optional().or(z.literal("").transform(() => undefined)),
    entered: z.string().max(200_000, "At most 200,000 characters").optional(),
  })
  .refine((v) => Boolean(v.fileId) !== Boolean(v.entered && v.entered.trim() !== ""), { message: "Upload a CSV file or enter prices (one of the two)", path: ["entered"] });

export const startCycleSchema = z.object({ priceSetId: z.string().uuid("Choose the settlement prices to run with") });
export const cycleIdSchema = z.object({ cycleId: z.string().uuid("Unknown cycle") });

export const productSchema = z.object({
  code: z.string().trim().regex(/^[A-Z0-9]+:[A-Z0-9]+$/, 'A product code "EXCH:CODE", e.g. CME:EC'),
  kind: z.enum(["FUTURE", "OPTION", "SWAP"], { message: "Future, option or swap" }),
  name: z.string().trim().min(2, "Name the product").max(120),
  multiplier: z.string().trim().regex(/^\d+(\.\d{1,8})?$/, "A positive number, up to 8 decimals").refine(aboveZero, "Must be positive"),
  tick: z.string().trim().regex(/^\d+(\.\d{1,8})?$/, "A positive number, up to 8 decimals").refine(aboveZero, "Must be positive"),
});

export const additionalChargeSchema = z.object({
  firmCode: z.string().trim().min(1, "Choose a member"),
  productCode: z.string().trim().regex(/^([A-Z0-9]+:[A-Z0-9]+)?$/, 'A product code "EXCH:CODE", or empty for the whole member').optional().default(""),
  side: z.enum(["", "LONG", "SHORT"], { message: "Both sides, long or short" }).optional().default(""),
  amount: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, "An amount in dollars and cents").refine(aboveZero, "Must be more than zero"),
  reason: z.string().trim().min(10, "State the reason (at least 10 characters)").max(500),
}).refine((v) => v.side === "" || v.productCode !== "", { message: "A side applies to a product: name the product", path: ["side"] });

export const endChargeSchema = z.object({ chargeId: z.string().uuid("Unknown charge") });

export const collateralRequestSchema = z.object({
  accountId: z.string().uuid("Choose an account"),
  kind: z.enum(["POST", "WITHDRAW"], { message: "Post or withdraw" }),
  type: z.enum(COLLATERAL_TYPES, { message: "Choose a collateral type" }),
  marketValue: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, "An amount in dollars and cents").refine(aboveZero, "Must be more than zero"),
});

export const decideCollateralSchema = z.object({
  requestId: z.string().uuid("Unknown request"),
  approve: z.boolean(),
  note: z.string().trim().max(500).optional().default(""),
});

export const createAccountSchema = z
  .object({
    accountNumber: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, "2 to 32 letters, digits or dashes"),
    origin: z.enum(["HOUSE", "CUSTOMER_SEGREGATED", "SECURED_30_7", "CLEARED_SWAPS"], { message: "Choose an origin" }),
    customerAccountId: z.string().trim().max(64).optional().default(""),
  })
  .refine((v) => v.origin === "HOUSE" || v.customerAccountId !== "", { message: "A customer account needs the customer's account id", path: ["customerAccountId"] });

export const uploadFeedSchema = z.object({ fileId: z.string().uuid("Upload a CSV file first") });

/** What-if: positions as the form holds them. */
export const whatIfSchema = z.object({
  /** The account the portfolio starts from: its Rule 824 charges apply as on its statement. Absent for an uploaded portfolio. */
  accountId: z.string().uuid("Choose one of your firm's accounts").optional(),
  positions: z
    .array(z.object({ contract: z.string().trim().min(1, "Choose a contract"), quantity: z.string().trim().regex(/^[+-]?\d{1,9}$/, "Whole contracts, + long, − short") }))
    .max(2000, "At most 2,000 positions"),
});
