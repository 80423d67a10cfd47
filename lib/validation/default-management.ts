/** Default management: one set of schemas for the forms and the actions/routes. */
import { z } from "zod";
import { stepUpFields } from "./auth";

const uuid = (what: string) => z.string().uuid(what);
const amount = (label: string) => z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/, `${label}: an amount in dollars and cents, not negative`);
const zeroIfEmpty = (label: string) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? "0" : v), amount(label));
/** A UTC date and time, "YYYY-MM-DDTHH:MM" (a datetime-local field, read as UTC) or ISO 8601 with an offset. */
export const utcDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, "A date and time, YYYY-MM-DDTHH:MM (UTC)")
  .transform((s, ctx) => {
    const d = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a real date and time" });
      return z.NEVER;
    }
    return d;
  });

export const categorySchema = z.object({
  id: uuid("Unknown category").optional().or(z.literal("").transform(() => undefined)),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, "2 to 32 letters, digits, - or _"),
  name: z.string().trim().min(3, "At least 3 characters").max(120),
  description: z.string().trim().max(2000).default(""),
  productCodes: z
    .string()
    .transform((s) => s.split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Z0-9]+:[A-Z0-9]+$/, "Products as EXCH:CODE, e.g. CME:EC")).min(1, "At least one product (EXCH:CODE)")),
});

export const previewMandateSchema = z.object({
  categoryId: uuid("Choose a category"),
  mandatedCount: z.coerce.number({ message: "A whole number" }).int("A whole number").min(1, "At least 1").max(50, "At most 50"),
  notCapable: z.array(uuid("Unknown member")).default([]),
});

export const selectionIdSchema = z.object({ selectionId: uuid("Unknown selection") });

export const EXEMPTION_GROUND_VALUES = ["DOES_NOT_TRADE", "NOT_PROPORTIONATE", "NO_TRADING_DESK", "OPERATIONAL"] as const;

export const exemptionRequestSchema = z.object({
  categoryId: uuid("Choose a category"),
  ground: z.enum(EXEMPTION_GROUND_VALUES, { message: "Choose one of the four grounds of Rule 914" }),
  explanation: z.string().trim().min(20, "Explain the ground (at least 20 characters)").max(5000),
  evidenceFileId: uuid("Upload the evidence (PDF, XLSX or CSV)"),
});

export const decideExemptionSchema = z.object({
  exemptionId: uuid("Unknown request"),
  decision: z.enum(["GRANTED", "DENIED"], { message: "Grant or deny" }),
  note: z.string().trim().min(3, "Give the reason for the decision").max(2000),
});

export const declareDefaultSchema = z
  .object({
    firmId: uuid("Choose a member"),
    firmCode: z.string().trim().toUpperCase(),
    confirmation: z.string().trim().toUpperCase(),
    reason: z.string().trim().min(10, "State the failure or event (at least 10 characters)").max(2000),
    ...stepUpFields,
  })
  .refine((v) => v.confirmation === v.firmCode && v.firmCode.length > 0, { message: "Type the member's code to confirm the declaration", path: ["confirmation"] });

export const createAuctionSchema = z.object({
  defaultId: uuid("Choose a default"),
  categoryId: uuid("Choose a category"),
  opensAt: utcDateTime.optional().or(z.literal("").transform(() => undefined)),
  closesAt: utcDateTime,
  voluntaryFirmIds: z.array(uuid("Unknown member")).default([]),
});

export const closeAuctionSchema = z.object({
  auctionId: uuid("Unknown auction"),
  reason: z.string().trim().max(2000).optional(),
  winners: z.array(uuid("Unknown member")).default([]),
});

/** The clearing house designates a closed auction's winners itself (seed 003: discretion, "based on the totality of the circumstances"). */
export const designateWinnersSchema = z.object({
  auctionId: uuid("Unknown auction"),
  winners: z.array(uuid("Unknown member")).min(1, "Choose at least one winning bidder"),
  reason: z.string().trim().min(5, "Say why these bidders win (at least 5 characters): the totality of the circumstances").max(2000),
});

/** A sealed bid: what the bidder pays to take the portfolio; negative: what it must be paid (SPEC §7). */
export const bidSchema = z.object({
  amount: z.string().trim().regex(/^-?\d{1,18}(\.\d{1,2})?$/, "amount: dollars and cents, e.g. 125000.00 or -40000 (negative: what you must be paid)"),
});

export const lossSchema = z.object({
  house: zeroIfEmpty("House loss"),
  customerSegregated: zeroIfEmpty("Customer segregated loss"),
  customerSecured: zeroIfEmpty("Customer secured (30.7) loss"),
  customerClearedSwaps: zeroIfEmpty("Cleared swaps customer loss"),
  otherAssets: zeroIfEmpty("Defaulter's other assets"),
});

export const runWaterfallSchema = z.object({ defaultId: uuid("Unknown default"), loss: lossSchema, ...stepUpFields });

export const simulateWaterfallSchema = z.object({ defaulterFirmId: uuid("Choose a member"), loss: lossSchema });
