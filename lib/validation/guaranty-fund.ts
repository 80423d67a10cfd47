import { z } from "zod";
import { aboveZero, businessDate } from "./margin";

const optionalFileId = z.string().uuid("Upload the CSV file again").optional().or(z.literal("").transform(() => undefined));

export const previewRecalculationSchema = z
  .object({
    kind: z.enum(["QUARTERLY", "INTERIM"], { message: "Quarterly or interim" }),
    asOf: businessDate,
    noticeDate: businessDate,
    fileId: optionalFileId,
    entered: z.string().max(500_000, "At most 500,000 characters").optional(),
  })
  .refine((v) => Boolean(v.fileId) !== Boolean(v.entered && v.entered.trim() !== ""), { message: "Upload the stress results CSV or enter them (one of the two)", path: ["entered"] })
  .refine((v) => v.noticeDate >= v.asOf, { message: "The notice date cannot be before the calculation date", path: ["noticeDate"] });

export const issueRecalculationSchema = z.object({ recalculationId: z.string().uuid("Unknown recalculation") });

export const recordDepositSchema = z.object({
  firmCode: z.string().trim().min(1, "Choose a member"),
  kind: z.enum(["DEPOSIT", "WITHDRAWAL"], { message: "Deposit or withdrawal" }),
  amount: z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/, "An amount in dollars and cents").refine(aboveZero, "Must be more than zero"),
  valueDate: businessDate,
  reference: z.string().trim().min(3, "Give the payment reference (at least 3 characters)").max(200),
});

export const acknowledgeNoticeSchema = z.object({ noticeId: z.string().uuid("Unknown notice") });
