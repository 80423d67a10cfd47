import "server-only";
import { db } from "@/lib/db/client";
import { ZERO, type RiskParameters } from "@/lib/risk";
import { contractsOf } from "./contracts";
import { cycleLabel } from "./cycle";
import { explainStatement } from "./explain";
import type { StatementBreakdown } from "./statement";
import { readJson } from "@/lib/shared/json-column";
import { importReportColumn } from "./columns";

export { cycleLabel };

/** The clearing house's margin page: what is loaded, what ran, what waits. */
export async function marginOverview() {
  const [parameterSets, priceSets, cycles, products, charges, requests, firms] = await Promise.all([
    db().riskParameterSet.findMany({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }], take: 10, select: { id: true, businessDate: true, sourceName: true, contractCount: true, currency: true, skipped: true, importReport: true, createdAt: true } }),
    db().settlementPriceSet.findMany({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }], take: 12, include: { _count: { select: { prices: true } }, cycles: { select: { id: true, status: true } } } }),
    db().marginCycle.findMany({ orderBy: { startedAt: "desc" }, take: 12 }),
    db().marginProduct.findMany({ orderBy: [{ code: "asc" }, { kind: "asc" }] }),
    db().additionalCharge.findMany({ where: { endedAt: null }, orderBy: { createdAt: "desc" } }),
    db().collateralRequest.findMany({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" }, take: 50 }),
    db().firm.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, legalName: true } }),
  ]);
  const accountIds = [...new Set(requests.map((r) => r.accountId))];
  const accounts = new Map((await db().marginAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, accountNumber: true } })).map((a) => [a.id, a.accountNumber]));
  return {
    parameterSets: parameterSets.map((p) => ({ ...p, importReport: p.importReport === null ? null : readJson(importReportColumn, p.importReport, "risk_parameter_set.import_report") })),
    priceSets,
    cycles,
    products,
    charges, requests: requests.map((r) => ({ ...r, accountNumber: accounts.get(r.accountId) ?? "?" })), firms };
}

export async function cycleProgress(cycleId: string) {
  return db().marginCycle.findUnique({ where: { id: cycleId }, select: { id: true, status: true, processedAccounts: true, totalAccounts: true, error: true, businessDate: true, kind: true, number: true, finishedAt: true } });
}

/** After a run: totals per member, comparison with the previous cycle, members in deficit with their calls, and accounts (largest calls first). */
export async function cycleResults(cycleId: string, accountLimit = 200) {
  const cycle = await db().marginCycle.findUnique({ where: { id: cycleId } });
  if (!cycle) return null;
  const [byFirm, prevByFirm, firms, accounts, totals] = await Promise.all([
    db().marginStatement.groupBy({ by: ["firmId"], where: { cycleId }, _sum: { maintenance: true, initial: true, variation: true, collateralValue: true, call: true }, _count: { _all: true } }),
    cycle.previousCycleId ? db().marginStatement.groupBy({ by: ["firmId"], where: { cycleId: cycle.previousCycleId }, _sum: { maintenance: true, collateralValue: true, call: true } }) : Promise.resolve([]),
    db().firm.findMany({ select: { id: true, code: true, legalName: true } }),
    db().marginStatement.findMany({ where: { cycleId }, orderBy: [{ call: "desc" }, { excess: "asc" }], take: accountLimit, select: { id: true, firmId: true, accountId: true, origin: true, positionCount: true, variation: true, maintenance: true, initial: true, collateralValue: true, excess: true, call: true } }),
    db().marginStatement.aggregate({ where: { cycleId }, _sum: { maintenance: true, initial: true, variation: true, collateralValue: true, call: true }, _count: { _all: true } }),
  ]);
  const firmById = new Map(firms.map((f) => [f.id, f]));
  const prev = new Map(prevByFirm.map((p) => [p.firmId, p]));
  const accountNumbers = new Map((await db().marginAccount.findMany({ where: { id: { in: accounts.map((a) => a.accountId) } }, select: { id: true, accountNumber: true } })).map((a) => [a.id, a.accountNumber]));
  const previous = cycle.previousCycleId ? await db().marginCycle.findUnique({ where: { id: cycle.previousCycleId } }) : null;
  return {
    cycle,
    label: cycleLabel(cycle),
    previousLabel: previous ? cycleLabel(previous) : null,
    totals,
    firms: byFirm
      .map((f) => ({ ...f, firm: firmById.get(f.firmId)!, previous: prev.get(f.firmId) ?? null }))
      .sort((a, b) => a.firm.code.localeCompare(b.firm.code)),
    accounts: accounts.map((a) => ({ ...a, accountNumber: accountNumbers.get(a.accountId) ?? "?", firmCode: firmById.get(a.firmId)?.code ?? "?" })),
  };
}

/**
 * A member's cycles with its statements, newest first, a page at a time: `before` is the last
 * cycle of the previous page (absent: the newest page). The firm comes from the session; a
 * `before` that is not one of the firm's completed cycles gives null (the caller answers 404).
 */
export async function memberStatements(firmId: string, options: { limit?: number; before?: string } = {}) {
  const limit = options.limit ?? 20;
  const where = { status: "COMPLETED" as const, statements: { some: { firmId } } };
  if (options.before !== undefined) {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.before);
    if (!uuid || !(await db().marginCycle.findFirst({ where: { ...where, id: options.before }, select: { id: true } }))) return null;
  }
  // finishedAt then id: a total order, so pages neither overlap nor skip a cycle
  const page = await db().marginCycle.findMany({
    where,
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(options.before !== undefined ? { cursor: { id: options.before }, skip: 1 } : {}),
  });
  const cycles = page.slice(0, limit);
  const olderBefore = page.length > limit ? cycles[cycles.length - 1]!.id : null;
  const statements = await db().marginStatement.findMany({
    where: { firmId, cycleId: { in: cycles.map((c) => c.id) } },
    select: { id: true, cycleId: true, accountId: true, origin: true, positionCount: true, variation: true, maintenance: true, initial: true, collateralValue: true, excess: true, call: true },
  });
  const accounts = await db().marginAccount.findMany({ where: { firmId }, orderBy: { accountNumber: "asc" }, include: { holdings: { orderBy: { type: "asc" } } } });
  const number = new Map(accounts.map((a) => [a.id, a.accountNumber]));
  return {
    accounts,
    olderBefore,
    cycles: cycles.map((c) => ({
      ...c,
      label: cycleLabel(c),
      statements: statements.filter((s) => s.cycleId === c.id).map((s) => ({ ...s, accountNumber: number.get(s.accountId) ?? "?" })).sort((a, b) => a.accountNumber.localeCompare(b.accountNumber)),
    })),
  };
}

/** Requirement and collateral over time for the firm (oldest first), summed over its accounts. */
export async function memberHistory(firmId: string, limit = 30) {
  const rows = await db().marginStatement.groupBy({ by: ["cycleId"], where: { firmId, cycle: { status: "COMPLETED" } }, _sum: { maintenance: true, initial: true, collateralValue: true } });
  const cycles = new Map((await db().marginCycle.findMany({ where: { id: { in: rows.map((r) => r.cycleId) } } })).map((c) => [c.id, c]));
  return rows
    .map((r) => ({ cycle: cycles.get(r.cycleId)!, maintenance: (r._sum.maintenance ?? ZERO).toFixed(2), initial: (r._sum.initial ?? ZERO).toFixed(2), collateral: (r._sum.collateralValue ?? ZERO).toFixed(2) }))
    .sort((a, b) => (a.cycle.finishedAt?.getTime() ?? 0) - (b.cycle.finishedAt?.getTime() ?? 0))
    .slice(-limit)
    .map((r) => ({ ...r, label: cycleLabel(r.cycle) }));
}

/**
 * One statement of the member's firm: looked up by id AND the session's firm, so another firm's
 * statement id finds nothing (the page answers 404). With the account's previous statement.
 */
export async function memberStatement(firmId: string, statementId: string) {
  const statement = await db().marginStatement.findFirst({ where: { id: statementId, firmId }, include: { cycle: true } });
  if (!statement) return null;
  const account = await db().marginAccount.findFirstOrThrow({ where: { id: statement.accountId, firmId } });
  const previous = statement.cycle.previousCycleId ? await db().marginStatement.findFirst({ where: { cycleId: statement.cycle.previousCycleId, accountId: statement.accountId, firmId }, include: { cycle: true } }) : null;
  const breakdown = statement.breakdown as unknown as StatementBreakdown;
  const explain = await explainStatement(
    { breakdown, parameterSetId: statement.cycle.parameterSetId },
    previous ? { breakdown: previous.breakdown as unknown as StatementBreakdown, parameterSetId: previous.cycle.parameterSetId } : null,
  );
  return { statement, account, label: cycleLabel(statement.cycle), breakdown, previous, previousLabel: previous ? cycleLabel(previous.cycle) : null, explain };
}

/** The firm's collateral requests, newest first. */
export async function memberCollateralRequests(firmId: string) {
  return db().collateralRequest.findMany({ where: { firmId }, orderBy: { createdAt: "desc" }, take: 30 });
}

/** What the what-if calculator starts from: the firm's accounts with positions, and the contracts of the latest parameters. */
export async function whatIfStart(firmId: string) {
  const paramSet = await db().riskParameterSet.findFirst({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }] });
  const accounts = await db().marginAccount.findMany({ where: { firmId }, orderBy: { accountNumber: "asc" }, include: { positions: { orderBy: { contract: "asc" } } } });
  const contracts = paramSet ? [...contractsOf(paramSet.parameters as unknown as RiskParameters).keys()].sort() : [];
  return {
    parameterSet: paramSet ? { id: paramSet.id, businessDate: paramSet.businessDate.toISOString().slice(0, 10), sourceName: paramSet.sourceName } : null,
    contracts,
    accounts: accounts.map((a) => ({ id: a.id, accountNumber: a.accountNumber, origin: a.origin, positions: a.positions.map((p) => ({ contract: p.contract, quantity: p.quantity.toString() })) })),
  };
}
