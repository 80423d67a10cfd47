/**
 * CSV upload of orders or fills from the portal: every row is checked first (naming the row
 * and the column of each problem); only a file without a single bad row is stored, in one
 * transaction with the file itself. Orders imported this way are the member's book as it
 * stands at the exchange: they are recorded as working without a pre-trade check (the check
 * gates new orders sent through POST /api/orders), and count toward utilization at once.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { commitUpload, type StagedUpload } from "@/lib/server/files/storage";
import { fillSchema, newOrderSchema, type FillInput, type NewOrderInput } from "@/lib/validation/credit-controls";
import { bumpVersion, dateOnly, firmState, forgetFirm, markStale, withFirmLock } from "./state";

export const ORDER_COLUMNS = ["clientOrderId", "executionFirmId", "account", "exchange", "productComplex", "product", "derivativeType", "side", "quantity", "timeInForce", "expireDate"] as const;
export const FILL_COLUMNS = ["clientFillId", "clientOrderId", "quantity", "price"] as const;

/** RFC 4180 CSV: quoted fields with doubled quotes; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
}

export interface RowProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

/** Rows as objects keyed by the header, validated with `schema`; problems name row (1 = header) and column. */
export function validateRows<S extends z.ZodType>(text: string, columns: readonly string[], schema: S): { rows: z.output<S>[]; problems: RowProblem[] } {
  const table = parseCsv(text.replace(/^\uFEFF/, ""));
  const problems: RowProblem[] = [];
  if (table.length === 0) return { rows: [], problems: [{ row: 1, column: "-", message: "the file is empty" }] };
  const header = table[0]!.map((h) => h.trim());
  for (const c of columns) if (c !== "expireDate" && !header.includes(c)) problems.push({ row: 1, column: c, message: `the header has no column "${c}"` });
  for (const h of header) if (!columns.includes(h)) problems.push({ row: 1, column: h, message: `unknown column "${h}"; expected ${columns.join(", ")}` });
  if (problems.length) return { rows: [], problems };
  if (table.length === 1) return { rows: [], problems: [{ row: 2, column: "-", message: "the file has a header but no rows" }] };
  const rows: z.output<S>[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.length !== header.length) {
      problems.push({ row: i + 1, column: "-", message: `has ${cells.length} fields, the header has ${header.length}` });
      continue;
    }
    const obj = Object.fromEntries(header.map((h, j) => [h, cells[j]!.trim()]));
    const parsed = schema.safeParse(obj);
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ row: i + 1, column: String(issue.path[0] ?? "-"), message: issue.message });
  }
  return { rows, problems };
}

export class ImportRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.slice(0, 20).map((p) => `row ${p.row}, column ${p.column}: ${p.message}`).join("; ") + (problems.length > 20 ? `; and ${problems.length - 20} more` : ""));
  }
}

/** Imports a staged CSV of orders or fills for the actor's firm, all rows or none. */
export async function importCsv(db: PrismaClient, actor: Actor, kind: "orders" | "fills", staged: StagedUpload, text: string, requestId: string | null, now = new Date()): Promise<{ count: number; fileId: string }> {
  const firmId = actor.firmId!;
  return withFirmLock(firmId, async () => {
    const s = await firmState(db, firmId, now);
    const td = dateOnly(s.tradingDate);
    const problems: RowProblem[] = [];
    let orders: NewOrderInput[] = [];
    let fills: FillInput[] = [];
    if (kind === "orders") {
      const v = validateRows(text, ORDER_COLUMNS, newOrderSchema);
      problems.push(...v.problems);
      orders = v.rows;
      const seen = new Map<string, number>();
      orders.forEach((o, i) => {
        if (seen.has(o.clientOrderId)) problems.push({ row: i + 2, column: "clientOrderId", message: `${o.clientOrderId} is also on row ${seen.get(o.clientOrderId)}` });
        seen.set(o.clientOrderId, i + 2);
      });
      if (!problems.length) {
        const existing = await db.creditOrder.findMany({ where: { firmId, clientOrderId: { in: orders.map((o) => o.clientOrderId) } }, select: { clientOrderId: true } });
        for (const e of existing) problems.push({ row: seen.get(e.clientOrderId)!, column: "clientOrderId", message: `order ${e.clientOrderId} was already submitted` });
      }
    } else {
      const v = validateRows(text, FILL_COLUMNS, fillSchema);
      problems.push(...v.problems);
      fills = v.rows;
      if (!problems.length) {
        const refs = [...new Set(fills.map((f) => f.clientOrderId))];
        const found = new Map((await db.creditOrder.findMany({ where: { firmId, clientOrderId: { in: refs } } })).map((o) => [o.clientOrderId, o]));
        const dupes = new Set((await db.creditFill.findMany({ where: { firmId, clientFillId: { in: fills.map((f) => f.clientFillId) } }, select: { clientFillId: true } })).map((f) => f.clientFillId));
        const left = new Map([...found].map(([k, o]) => [k, o.quantity - o.filledQuantity]));
        const seen = new Set<string>();
        fills.forEach((f, i) => {
          const row = i + 2;
          const o = found.get(f.clientOrderId);
          if (dupes.has(f.clientFillId) || seen.has(f.clientFillId)) problems.push({ row, column: "clientFillId", message: `fill ${f.clientFillId} is already recorded or repeated` });
          seen.add(f.clientFillId);
          if (!o) return problems.push({ row, column: "clientOrderId", message: `no order ${f.clientOrderId} of your firm` });
          if (o.state !== "WORKING" && o.state !== "PARTIALLY_FILLED") return problems.push({ row, column: "clientOrderId", message: `order ${f.clientOrderId} is ${o.state.toLowerCase().replace("_", " ")}, not working` });
          const l = left.get(f.clientOrderId)!;
          if (f.quantity > l) problems.push({ row, column: "quantity", message: `the fill (${f.quantity}) is larger than the ${l} still working on ${f.clientOrderId}` });
          left.set(f.clientOrderId, l - f.quantity);
        });
      }
    }
    if (problems.length) throw new ImportRefused(problems);
    const auditActor = { userId: actor.userId, email: actor.email, role: actor.role };
    const { version, fileId } = await db.$transaction(async (tx) => {
      const file = await commitUpload(tx, staged, { firmId, ownerUserId: actor.userId, purpose: "credit-feed" });
      if (kind === "orders") {
        await tx.creditOrder.createMany({
          data: orders.map((o) => ({
            firmId,
            clientOrderId: o.clientOrderId,
            executionFirmId: o.executionFirmId,
            account: o.account,
            exchange: o.exchange,
            productComplex: o.productComplex,
            product: o.product,
            derivativeType: o.derivativeType,
            side: o.side,
            quantity: o.quantity,
            timeInForce: o.timeInForce,
            expireDate: o.expireDate ? dateOnly(o.expireDate) : null,
            tradingDate: td,
            state: "WORKING" as const,
            source: "csv",
          })),
        });
      } else {
        for (const f of fills) {
          const o = await tx.creditOrder.findUniqueOrThrow({ where: { firmId_clientOrderId: { firmId, clientOrderId: f.clientOrderId } } });
          await tx.creditFill.create({ data: { firmId, orderId: o.id, clientFillId: f.clientFillId, quantity: f.quantity, price: f.price, tradingDate: td, source: "csv" } });
          const filled = o.filledQuantity + f.quantity;
          await tx.creditOrder.update({ where: { id: o.id }, data: { filledQuantity: filled, state: filled === o.quantity ? "FILLED" : "PARTIALLY_FILLED", updatedAt: new Date() } });
        }
      }
      await recordAudit(tx, { actor: auditActor, firmId, action: `creditControls.import.${kind}`, objectType: "file", objectId: file.id, summary: { rows: kind === "orders" ? orders.length : fills.length, name: staged.originalName }, requestId });
      return { version: await bumpVersion(tx, firmId), fileId: file.id };
    });
    markStale(firmId, version);
    forgetFirm(firmId);
    return { count: kind === "orders" ? orders.length : fills.length, fileId };
  });
}
