/** Credit controls: the shapes of orders, fills, pre-trade checks, groupings and blocks (shared by forms, API and CSV). */
import { z } from "zod";
import { stepUpFields } from "./auth";

const CODE = /^[A-Z0-9][A-Z0-9._-]*$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const code = (what: string, max: number) =>
  z.string({ error: `${what} is required` }).trim().toUpperCase().min(1, `${what} is required`).max(max, `${what}: at most ${max} characters`).regex(CODE, `${what}: letters, digits, ".", "_" or "-" only`);
const clientId = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} is required`).max(64, `${what}: at most 64 characters`).regex(ID, `${what}: letters, digits, ".", "_", ":" or "-" only`);
const quantity = z.coerce.number({ error: "quantity must be a whole number" }).int("quantity must be a whole number of contracts").min(1, "quantity must be at least 1").max(1_000_000, "quantity must be at most 1,000,000");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a calendar date");

export const orderTermsSchema = z
  .object({
    executionFirmId: code("executionFirmId", 32),
    account: code("account", 32),
    exchange: code("exchange", 16),
    productComplex: code("productComplex", 32),
    product: code("product", 32),
    derivativeType: z.enum(["FUTURE", "OPTION"], { error: "derivativeType must be FUTURE or OPTION" }),
    side: z.enum(["BUY", "SELL"], { error: "side must be BUY or SELL" }),
    quantity,
    timeInForce: z.enum(["DAY", "GTC", "GTD"], { error: "timeInForce must be DAY, GTC or GTD" }),
    expireDate: z.preprocess((v) => (v === "" || v === null ? undefined : v), isoDate.optional()),
  })
  .superRefine((o, ctx) => {
    if (o.timeInForce === "GTD" && !o.expireDate) ctx.addIssue({ code: "custom", path: ["expireDate"], message: "expireDate is required for a GTD order" });
    if (o.timeInForce !== "GTD" && o.expireDate) ctx.addIssue({ code: "custom", path: ["expireDate"], message: "expireDate is only for GTD orders" });
  });

export const checkOrderSchema = orderTermsSchema;
export const newOrderSchema = z.intersection(z.object({ clientOrderId: clientId("clientOrderId") }), orderTermsSchema);
export type NewOrderInput = z.output<typeof newOrderSchema>;
export type OrderTermsInput = z.output<typeof orderTermsSchema>;

export const fillSchema = z.object({
  clientFillId: clientId("clientFillId"),
  clientOrderId: clientId("clientOrderId"),
  quantity,
  price: z.string({ error: "price is required" }).trim().regex(/^-?\d{1,16}(\.\d{1,8})?$/, "price must be a decimal with at most 8 decimal places"),
});
export type FillInput = z.output<typeof fillSchema>;

const money = (what: string) => z.string().trim().regex(/^\d{1,22}(\.\d{1,2})?$/, `${what} must be an amount of money, e.g. 250000.00, not negative`);
const clip = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int("a clip size is a whole number of contracts").min(1, "a clip size is at least 1").max(1_000_000).nullable());

/** One reference margin rate: a product's rate per contract for futures or for options (six decimal places at most). */
export const referenceRateSchema = z.object({
  derivativeType: z.enum(["FUTURE", "OPTION"], { message: "Choose future or option" }),
  product: code("Product", 32),
  rate: z.string().trim().regex(/^\d{1,18}(\.\d{1,6})?$/, "The rate must be an amount per contract, not negative, with at most 6 decimal places"),
});
export type ReferenceRateInput = z.input<typeof referenceRateSchema>;

/** A grouping's reference margin rates: one row per product and type (a product once per type). */
const referenceRates = z
  .array(referenceRateSchema)
  .max(500, "At most 500 reference rates")
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const key = `${r.derivativeType} ${r.product}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "product"], message: `${r.derivativeType === "FUTURE" ? "Futures" : "Options"} on ${r.product} are listed twice` });
      seen.add(key);
    });
  });

export const createGroupingSchema = z.object({
  executionFirmId: code("Executing Firm ID", 32),
  exchange: code("Exchange group", 16),
  productComplex: code("Product complex", 32),
});

export const updateGroupingSchema = z
  .object({
    groupingId: z.string().uuid("Unknown grouping"),
    futuresLimit: money("The futures limit"),
    optionsLimit: money("The options limit"),
    clipBuyFutures: clip,
    clipSellFutures: clip,
    clipBuyOptions: clip,
    clipSellOptions: clip,
    includeGtc: z.boolean(),
    includeGtd: z.boolean(),
    actionEmail: z.boolean(),
    actionBlock: z.boolean(),
    actionCancel: z.boolean(),
    rates: referenceRates,
    note: z.string().trim().min(3, "Say why (at least 3 characters)").max(500),
  });
export type UpdateGroupingInput = z.input<typeof updateGroupingSchema>;

export const liftCreditBlockSchema = z.object({ groupingId: z.string().uuid("Unknown grouping") });

const optionalCode = (what: string, max: number) => z.preprocess((v) => (v === "" || v === null ? undefined : v), code(what, max).optional());
export const rmiBlockSchema = z.object({
  executionFirmId: optionalCode("Execution firm", 32),
  account: optionalCode("Account", 32),
  exchange: optionalCode("Exchange", 16),
  derivativeType: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(["FUTURE", "OPTION"]).optional()),
  side: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(["BUY", "SELL"]).optional()),
  reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500),
});
export type RmiBlockInput = z.input<typeof rmiBlockSchema>;
export const rmiUnblockSchema = z.object({ blockId: z.string().uuid("Unknown block") });

export const killSwitchSchema = z.object({
  executionFirmId: code("Execution firm", 32),
  account: optionalCode("Account", 32),
  confirm: z.literal(true, { error: "Confirm the kill switch" }),
  ...stepUpFields,
});
