import { z } from "zod";

/**
 * The audit trail's filter (staff, /ch/audit): in the URL, so a filtered view can be shared.
 * The kinds of event staff look for in the sign-in and access logs (ASVS 16.3); the rows each
 * kind selects are in lib/server/audit/queries.ts.
 */
export const AUDIT_EVENT_KINDS = [
  { id: "sign-in", label: "Sign-in" },
  { id: "failed-sign-in", label: "Failed sign-in" },
  { id: "second-factor-failure", label: "Second-factor failure" },
  { id: "refused-access", label: "Refused access" },
  { id: "step-up", label: "Action with step-up" },
  { id: "refused-action", label: "Refused or invalid action" },
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number]["id"];
const KIND_IDS = AUDIT_EVENT_KINDS.map((k) => k.id) as [AuditEventKind, ...AuditEventKind[]];

/** An empty field of the GET form is no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const day = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: a date as YYYY-MM-DD`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label}: not a calendar date`);

export const auditFilterSchema = z
  .object({
    kind: optional(z.enum(KIND_IDS, { error: `Event kind: one of ${KIND_IDS.join(", ")}` })),
    user: optional(z.string().trim().max(200, "User: at most 200 characters")),
    address: optional(z.string().trim().max(45, "Address: at most 45 characters").regex(/^[0-9A-Fa-f:.]+$/, "Address: an IPv4 or IPv6 address, or its beginning (digits, a-f, dots and colons)")),
    action: optional(z.string().trim().max(100, "Action: at most 100 characters")),
    from: optional(day("From")),
    to: optional(day("To")),
    before: optional(z.string().regex(/^\d{1,19}$/, "Before: a row number")),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "To: on or after From", path: ["to"] });
export type AuditFilter = z.output<typeof auditFilterSchema>;
