/**
 * Loading a day's inputs: SPAN risk parameters (an uploaded SPAN XML file), settlement prices
 * (CSV or entered), and the members' positions and trades (API or CSV). Everything is checked
 * before anything is written, and written in the caller's transaction: a refused file leaves
 * nothing behind. Errors name the row and the rule.
 */
import type { Prisma } from "@/generated/prisma/client";
import { assertOnTick, RiskError, toQuantity, type RiskParameters } from "@/lib/risk";
import { parseSpanXml, readSpanXmlFile, spanImportReport, toRiskParameters, type SpanImportReport } from "@/lib/span-xml";
import { contractsOf, productKeysFor, type ContractInfo } from "./contracts";
import { parseCsv, type CsvRow } from "@/lib/shared/csv";
import { dateOnly } from "@/lib/shared/dates";
import { DomainError, fieldRefusal } from "@/lib/shared/errors";
import { writeJson } from "@/lib/shared/json-column";
import { importReportColumn } from "./columns";

type Tx = Prisma.TransactionClient;

/**
 * A refused input (code "input-refused"): the message names the row and the rule; nothing was
 * stored. With a field, a 400 naming it; without, a 409 (the state refuses it, not a field).
 */
export function inputRefused(message: string, field: string | null = null): DomainError {
  return fieldRefusal("input-refused", message, field, field === null ? 409 : 400);
}

/** Whether `e` is an input refusal of the margin feeds (inputRefused). */
export function isInputRefused(e: unknown): e is DomainError {
  return e instanceof DomainError && e.code === "input-refused";
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function refuseCsv(e: unknown): never {
  if (e instanceof DomainError && e.code === "csv") throw inputRefused(e.message, e.field);
  throw e;
}

/**
 * Reads a SPAN file (XML, or a zip archive holding it; from disk, or XML text) and stores its
 * parameters for the business date with the import report (what was read, what was not carried
 * over, which elements were not read). A refused file stores nothing.
 */
export async function storeRiskParameters(tx: Tx, input: { businessDate: string; source: { path: string } | { xml: string }; sourceName: string; fileId: string | null; userId: string | null }) {
  let parameters: RiskParameters;
  let report: SpanImportReport;
  try {
    const file = "path" in input.source ? await readSpanXmlFile(input.source.path) : await parseSpanXml(input.source.xml);
    const converted = toRiskParameters(file);
    parameters = converted.parameters;
    report = spanImportReport(file, converted.skipped);
  } catch (e) {
    if (e instanceof RiskError) throw inputRefused(`${input.sourceName}: ${e.message}`, e.field);
    throw e;
  }
  const contracts = contractsOf(parameters);
  if (contracts.size === 0) throw inputRefused(`${input.sourceName}: the file has no futures or options contracts`);
  return tx.riskParameterSet.create({
    data: {
      businessDate: dateOnly(input.businessDate),
      fileId: input.fileId,
      sourceName: input.sourceName,
      currency: parameters.currency,
      contractCount: contracts.size,
      parameters: parameters as unknown as Prisma.InputJsonValue,
      skipped: [...report.skipped],
      importReport: writeJson(importReportColumn, report, "risk_parameter_set.import_report"),
      loadedBy: input.userId,
    },
  });
}

/** The latest parameter set loaded for a business date (or null). */
export async function latestParameterSet(tx: Pick<Tx, "riskParameterSet">, businessDate: string) {
  return tx.riskParameterSet.findFirst({ where: { businessDate: dateOnly(businessDate) }, orderBy: { createdAt: "desc" } });
}

export interface ProductRow {
  readonly code: string;
  readonly kind: string;
  readonly multiplier: Prisma.Decimal | string;
  readonly tick: Prisma.Decimal | string;
}

export function productIndex(products: readonly ProductRow[]): Map<string, ProductRow> {
  return new Map(products.map((p) => [`${p.code}|${p.kind}`, p]));
}

export function productFor(index: ReadonlyMap<string, ProductRow>, info: ContractInfo): ProductRow | undefined {
  for (const k of productKeysFor(info)) {
    const p = index.get(k);
    if (p) return p;
  }
  return undefined;
}

/**
 * Settlement prices for (business date, cycle): every row's contract must be in the day's risk
 * parameters and its product set up, the price on the product's tick; a contract once.
 */
export async function storeSettlementPrices(tx: Tx, input: { businessDate: string; cycle: "1" | "2" | "adhoc"; csv: string; source: "csv" | "entered"; fileId: string | null; userId: string | null }) {
  const paramSet = await latestParameterSet(tx, input.businessDate);
  if (!paramSet) throw inputRefused(`load the risk parameters (SPAN file) for ${input.businessDate} first: the prices are checked against its contracts`, "businessDate");
  const contracts = contractsOf(paramSet.parameters as unknown as RiskParameters);
  const products = productIndex(await tx.marginProduct.findMany());
  let rows: CsvRow[];
  try {
    rows = parseCsv(input.csv, ["contract", "price"]);
  } catch (e) {
    refuseCsv(e);
  }
  const seen = new Map<string, number>();
  const prices: { contract: string; price: string }[] = [];
  for (const r of rows) {
    const contract = r.values.contract!;
    const info = contracts.get(contract);
    if (!info) throw inputRefused(`row ${r.row}: contract "${contract}" is not in the risk parameters for ${input.businessDate} (unknown contract)`, "contract");
    const product = productFor(products, info);
    if (!product) throw inputRefused(`row ${r.row}: contract "${contract}" belongs to product ${info.productCode}, which is not set up (its tick is unknown)`, "contract");
    if (seen.has(contract)) throw inputRefused(`row ${r.row}: contract "${contract}" already has a price in row ${seen.get(contract)}`, "contract");
    seen.set(contract, r.row);
    try {
      const p = assertOnTick(r.values.price!, product.tick.toString(), "price");
      if (p.isNegative() && info.kind === "option") throw new RiskError("OUT_OF_RANGE", "price", "an option price cannot be negative");
      prices.push({ contract, price: p.toString() });
    } catch (e) {
      if (e instanceof RiskError) throw inputRefused(`row ${r.row}: ${e.code === "OFF_TICK" ? `price ${r.values.price} of ${contract} is off the tick: it must be a multiple of ${product.tick.toString()}` : e.message}`, "price");
      throw e;
    }
  }
  const businessDate = dateOnly(input.businessDate);
  let cycleKind: "SCHEDULED" | "AD_HOC" = "SCHEDULED";
  let cycleNumber = input.cycle === "2" ? 2 : 1;
  if (input.cycle === "adhoc") {
    cycleKind = "AD_HOC";
    const last = await tx.settlementPriceSet.findFirst({ where: { businessDate, cycleKind }, orderBy: { cycleNumber: "desc" } });
    cycleNumber = (last?.cycleNumber ?? 0) + 1;
  } else {
    const existing = await tx.settlementPriceSet.findUnique({ where: { businessDate_cycleKind_cycleNumber: { businessDate, cycleKind, cycleNumber } }, include: { cycles: { select: { id: true } } } });
    if (existing && existing.cycles.length > 0) throw inputRefused(`cycle ${cycleNumber} of ${input.businessDate} has already run with its prices; they cannot be replaced (run an ad hoc cycle instead)`, "cycle");
    if (existing) await tx.settlementPriceSet.delete({ where: { id: existing.id } });
  }
  const set = await tx.settlementPriceSet.create({ data: { businessDate, cycleKind, cycleNumber, source: input.source, fileId: input.fileId, loadedBy: input.userId } });
  await tx.settlementPrice.createMany({ data: prices.map((p) => ({ priceSetId: set.id, contract: p.contract, price: p.price })) });
  return { set, count: prices.length, parameterSetId: paramSet.id };
}

/** Contracts a feed may report: those of the latest risk parameters loaded. */
export async function knownContracts(tx: Pick<Tx, "riskParameterSet">): Promise<Map<string, ContractInfo>> {
  const latest = await tx.riskParameterSet.findFirst({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }] });
  return latest ? contractsOf(latest.parameters as unknown as RiskParameters) : new Map();
}

export interface FeedPosition {
  readonly account: string;
  readonly contract: string;
  readonly quantity: string | number;
}
export interface FeedTrade extends FeedPosition {
  readonly tradeId: string;
  readonly price: string | number;
}

function feedQuantity(value: string | number, where: string): bigint {
  try {
    return BigInt(toQuantity(typeof value === "number" ? value : String(value), "quantity"));
  } catch (e) {
    if (e instanceof RiskError) throw inputRefused(`${where}: quantity "${value}" must be a whole number of contracts (+ long, − short)`, "quantity");
    throw e;
  }
}

async function resolveRows<T extends FeedPosition>(tx: Tx, firmId: string, rows: readonly T[], where: (i: number) => string) {
  const accounts = new Map((await tx.marginAccount.findMany({ where: { firmId }, select: { id: true, accountNumber: true } })).map((a) => [a.accountNumber, a.id]));
  const contracts = await knownContracts(tx);
  return rows.map((r, i) => {
    const accountId = accounts.get(String(r.account ?? "").trim());
    if (!accountId) throw inputRefused(`${where(i)}: account "${r.account}" is not one of your firm's accounts (unknown account)`, "account");
    const contract = String(r.contract ?? "").trim();
    if (!contracts.has(contract)) throw inputRefused(`${where(i)}: contract "${contract}" is not in the current risk parameters (unknown contract)`, "contract");
    return { accountId, contract, quantity: feedQuantity(r.quantity, where(i)), info: contracts.get(contract)! };
  });
}

/** End-of-day positions (absolute quantities) for a firm's accounts; a zero closes the position. */
export async function storePositions(tx: Tx, firmId: string, rows: readonly FeedPosition[], where: (i: number) => string = (i) => `positions[${i}]`) {
  if (rows.length === 0) throw inputRefused("no positions given");
  const resolved = await resolveRows(tx, firmId, rows, where);
  const keys = new Map<string, number>();
  resolved.forEach((r, i) => {
    const k = `${r.accountId}|${r.contract}`;
    if (keys.has(k)) throw inputRefused(`${where(i)}: account "${rows[i]!.account}" contract "${r.contract}" is given twice (also ${where(keys.get(k)!)})`, "contract");
    keys.set(k, i);
  });
  const now = new Date();
  for (const r of resolved) {
    if (r.quantity === BigInt(0)) await tx.position.deleteMany({ where: { accountId: r.accountId, contract: r.contract } });
    else await tx.position.upsert({ where: { accountId_contract: { accountId: r.accountId, contract: r.contract } }, create: { accountId: r.accountId, contract: r.contract, quantity: r.quantity, updatedAt: now }, update: { quantity: r.quantity, updatedAt: now } });
  }
  return { count: resolved.length };
}

/** Trades since the last cycle: recorded once (by trade id) and added to the position. */
export async function storeTrades(tx: Tx, firmId: string, rows: readonly FeedTrade[], where: (i: number) => string = (i) => `trades[${i}]`) {
  if (rows.length === 0) throw inputRefused("no trades given");
  const resolved = await resolveRows(tx, firmId, rows, where);
  const products = productIndex(await tx.marginProduct.findMany());
  let stored = 0;
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i]!;
    const tradeId = String(rows[i]!.tradeId ?? "").trim();
    if (!tradeId) throw inputRefused(`${where(i)}: tradeId is required`, "tradeId");
    if (r.quantity === BigInt(0)) throw inputRefused(`${where(i)}: a trade's quantity cannot be zero`, "quantity");
    const product = productFor(products, r.info);
    if (!product) throw inputRefused(`${where(i)}: product ${r.info.productCode} is not set up`, "contract");
    let price: string;
    try {
      price = assertOnTick(String(rows[i]!.price), product.tick.toString(), "price").toString();
    } catch (e) {
      if (e instanceof RiskError) throw inputRefused(`${where(i)}: price ${rows[i]!.price} is off the tick (a multiple of ${product.tick.toString()}) or not a number`, "price");
      throw e;
    }
    const exists = await tx.trade.findUnique({ where: { accountId_externalId: { accountId: r.accountId, externalId: tradeId } } });
    if (exists) continue;
    await tx.trade.create({ data: { accountId: r.accountId, externalId: tradeId, contract: r.contract, quantity: r.quantity, price } });
    const pos = await tx.position.findUnique({ where: { accountId_contract: { accountId: r.accountId, contract: r.contract } } });
    const q = (pos?.quantity ?? BigInt(0)) + r.quantity;
    if (q === BigInt(0)) await tx.position.deleteMany({ where: { accountId: r.accountId, contract: r.contract } });
    else await tx.position.upsert({ where: { accountId_contract: { accountId: r.accountId, contract: r.contract } }, create: { accountId: r.accountId, contract: r.contract, quantity: q }, update: { quantity: q, updatedAt: new Date() } });
    stored++;
  }
  return { count: stored, duplicates: resolved.length - stored };
}

/** A positions or trades CSV (columns account, contract, quantity[, trade_id, price]). */
export function feedRowsFromCsv(text: string, kind: "positions" | "trades"): { rows: FeedTrade[]; where: (i: number) => string } {
  let parsed: CsvRow[];
  try {
    parsed = kind === "positions" ? parseCsv(text, ["account", "contract", "quantity"]) : parseCsv(text, ["account", "contract", "quantity", "trade_id", "price"]);
  } catch (e) {
    refuseCsv(e);
  }
  return {
    rows: parsed.map((r) => ({ account: r.values.account!, contract: r.values.contract!, quantity: r.values.quantity!, tradeId: r.values.trade_id ?? "", price: r.values.price ?? "" })),
    where: (i) => `row ${parsed[i]!.row}`,
  };
}
