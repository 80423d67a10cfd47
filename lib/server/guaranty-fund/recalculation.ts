import "server-only";
/**
 * The quarterly (or interim) guaranty fund recalculation (Rule 816; SPEC §6), from stored data:
 * - the aggregate by cover 2 over the uploaded stress results (member, scenario, stress loss),
 *   each member's performance bond on deposit taken from the latest completed cycle (the sum of
 *   its accounts' collateral value);
 * - each member's risk performance bond per day = the sum of its accounts' maintenance
 *   requirements in that day's last completed cycle, over the preceding three months;
 * - its traded volume = contracts (absolute quantity, risk weight 1) of the trades settled by
 *   the cycles of those three months.
 * The result is stored as a preview (each member's calculation and change); issuing it writes
 * the notices.
 */
import { Prisma, type GfRecalculationKind } from "@/generated/prisma/client";
import type { Tx } from "@/lib/server/action";
import { baseFundMemberType, computeGuarantyFundRequirements, RiskError, sizeGuarantyFundCover2, type Dec } from "@/lib/risk";
import { parseCsv } from "@/lib/shared/csv";
import { settingsOf } from "@/lib/server/settings/read";
import { balancesOf, currentRequirements, issueNotices, requirementDraft } from "./notices";
import { businessCalendar } from "@/lib/server/settings/calendar";
import { dateOnly, isoOf } from "@/lib/shared/dates";
import { DomainError, fieldRefusal } from "@/lib/shared/errors";
import { readJson, writeJson } from "@/lib/shared/json-column";
import { recalculationResultColumn } from "./columns";

/** A refusal of the input (code "recalculation-refused"), naming the row and field; nothing is stored. */
function recalculationRefused(message: string, field: string): DomainError {
  return fieldRefusal("recalculation-refused", `${message}. Nothing was stored.`, field, 422, message);
}

export interface StressRow {
  readonly row: number;
  readonly member: string;
  readonly scenario: string;
  readonly stressLoss: string;
  /** The same loss in whole cents (what the risk core sizes the fund from). */
  readonly stressLossCents: bigint;
}

// At most 16 digits of dollars: the loss in cents then fits a 64-bit integer (< 10^18).
const AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;

/** A validated AMOUNT as whole cents. */
function amountCents(amount: string): bigint {
  const negative = amount.startsWith("-");
  const [whole, frac = ""] = (negative ? amount.slice(1) : amount).split(".");
  const cents = BigInt(whole! + frac.padEnd(2, "0"));
  return negative ? -cents : cents;
}

/** Parses the stress CSV (columns member, scenario, stress_loss); one bad row refuses the file. */
export function parseStressCsv(text: string): StressRow[] {
  let rows;
  try {
    rows = parseCsv(text, ["member", "scenario", "stress_loss"]);
  } catch (e) {
    if (e instanceof DomainError && e.code === "csv") throw recalculationRefused(`Stress results: ${e.message}`, "stress");
    throw e;
  }
  const seen = new Map<string, number>();
  return rows.map(({ row, values }) => {
    const member = values.member!.toUpperCase();
    const scenario = values.scenario!;
    const loss = values.stress_loss!.replace(/[$,]/g, "");
    if (!member) throw recalculationRefused(`Stress results row ${row}: member is empty (the member's code, e.g. ACME)`, "stress");
    if (!scenario) throw recalculationRefused(`Stress results row ${row}: scenario is empty`, "stress");
    if (!AMOUNT.test(loss)) throw recalculationRefused(`Stress results row ${row}: stress_loss "${values.stress_loss}" is not an amount in dollars and cents, at most 16 digits before the point (a gain is negative)`, "stress");
    const key = `${member}\u0000${scenario}`;
    const first = seen.get(key);
    if (first !== undefined) throw recalculationRefused(`Stress results row ${row}: ${member} in scenario "${scenario}" is already given in row ${first}`, "stress");
    seen.set(key, row);
    return { row, member, scenario, stressLoss: loss, stressLossCents: amountCents(loss) };
  });
}

/** The start of the preceding three months ending on `asOf` (inclusive). */
export function windowStart(asOf: string): string {
  const d = dateOnly(asOf);
  d.setUTCMonth(d.getUTCMonth() - 3);
  d.setUTCDate(d.getUTCDate() + 1);
  return isoOf(d);
}

export interface PreviewMember {
  readonly firmId: string;
  readonly code: string;
  readonly name: string;
  readonly memberType: "futures-options" | "base-otc";
  readonly performanceBondOnDeposit: string;
  readonly averagePerformanceBond: string;
  readonly performanceBondShare: string;
  readonly contracts: string;
  readonly volumeShare: string;
  readonly performanceBondTerm: string;
  readonly volumeTerm: string;
  readonly foreignCurrencyTerm: string;
  readonly proportionateShare: string;
  readonly minimum: string;
  readonly minimumApplied: boolean;
  readonly requirement: string;
  readonly previousRequirement: string | null;
  readonly change: string | null;
  readonly onDeposit: string;
  readonly shortfall: string;
  readonly excess: string;
}

export interface RecalculationResult {
  readonly asOf: string;
  readonly windowFrom: string;
  readonly cycleDays: number;
  readonly latestCycle: string;
  readonly weights: { readonly performanceBond: string; readonly volume: string; readonly foreignCurrency: string };
  readonly cover2: {
    readonly aggregate: string;
    readonly worstScenario: string;
    readonly largestTwo: readonly { readonly group: string; readonly members: readonly string[]; readonly shortfall: string }[];
    readonly scenarios: readonly { readonly scenario: string; readonly cover2: string }[];
  };
  readonly averageAggregatePerformanceBond: string;
  readonly totalContracts: string;
  readonly totalRequirements: string;
  readonly totalMinimumTopUp: string;
  readonly members: readonly PreviewMember[];
}

const pct = (d: Dec) => d.times(100).toDecimalPlaces(4).toString();

/** Runs the recalculation and stores it as a preview with its stress rows. */
export async function previewRecalculation(tx: Tx, input: { kind: GfRecalculationKind; asOf: string; noticeDate: string; stressCsv: string; stressSource: string; userId: string }) {
  const stress = parseStressCsv(input.stressCsv);
  const firms = await tx.firm.findMany({ where: { status: "ACTIVE" }, orderBy: { code: "asc" } });
  const byCode = new Map(firms.map((f) => [f.code, f]));
  for (const s of stress) {
    if (!byCode.has(s.member)) throw recalculationRefused(`Stress results row ${s.row}: member "${s.member}" is not an active clearing member`, "stress");
  }
  const scenarios = [...new Set(stress.map((s) => s.scenario))];
  const scenarioIndex = new Map(scenarios.map((sc, i) => [sc, i]));
  // Each listed member's losses in whole cents, one per scenario (a member not in the file has none).
  const lossCents = new Map<string, BigInt64Array>();
  const given = new Map<string, number>();
  for (const s of stress) {
    let row = lossCents.get(s.member);
    if (!row) lossCents.set(s.member, (row = new BigInt64Array(scenarios.length)));
    row[scenarioIndex.get(s.scenario)!] = s.stressLossCents;
    given.set(s.member, (given.get(s.member) ?? 0) + 1);
  }
  // A member in the file must have a loss in every scenario (rows are unique per member and scenario).
  for (const [code, count] of given) {
    if (count === scenarios.length) continue;
    const have = new Set(stress.filter((s) => s.member === code).map((s) => s.scenario));
    const missing = scenarios.find((sc) => !have.has(sc))!;
    throw recalculationRefused(`Stress results: ${code} has no row for scenario "${missing}" (every member listed needs a stress loss in every scenario)`, "stress");
  }
  const noLosses = new BigInt64Array(scenarios.length);

  const windowFrom = windowStart(input.asOf);
  const cycles = await tx.marginCycle.findMany({
    where: { status: "COMPLETED", businessDate: { gte: dateOnly(windowFrom), lte: dateOnly(input.asOf) } },
    orderBy: [{ businessDate: "asc" }, { finishedAt: "asc" }, { number: "asc" }],
  });
  if (cycles.length === 0) throw recalculationRefused(`No completed settlement cycle between ${windowFrom} and ${input.asOf}: the requirement needs three months of stored performance bond (Rule 816)`, "asOf");
  const lastOfDay = new Map<string, (typeof cycles)[number]>();
  for (const c of cycles) lastOfDay.set(isoOf(c.businessDate), c); // ordered: the last one wins
  const days = [...lastOfDay.keys()];
  const latest = cycles[cycles.length - 1]!;

  // Each member's risk performance bond per day in whole cents, summed by the database (the
  // maintenance column holds cents exactly), one row per member: no decimal parsing per value.
  const dayOfCycle = new Map([...lastOfDay.values()].map((c, d) => [c.id, d]));
  const history = new Map(firms.map((f) => [f.id, new BigInt64Array(days.length)]));
  let pbRows: { firm_id: string; cycle_id: string; cents: bigint }[];
  try {
    pbRows = await tx.$queryRaw`
      SELECT firm_id, cycle_id, (sum(maintenance) * 100)::bigint AS cents
        FROM margin_statement
       WHERE cycle_id = ANY(${[...dayOfCycle.keys()]}::uuid[])
       GROUP BY firm_id, cycle_id`;
  } catch (e) {
    if (e instanceof Error && /bigint out of range/.test(e.message)) throw recalculationRefused("A member's stored performance bond for one day exceeds what the recalculation can hold (2^63 cents)", "asOf");
    throw e;
  }
  for (const r of pbRows) {
    const row = history.get(r.firm_id);
    if (row) row[dayOfCycle.get(r.cycle_id)!] = r.cents; // a firm no longer active is not in the fund
  }
  const onDepositRows = await tx.marginStatement.groupBy({ by: ["firmId"], where: { cycleId: latest.id }, _sum: { collateralValue: true } });
  const pbOnDeposit = new Map(onDepositRows.map((r) => [r.firmId, r._sum.collateralValue ?? new Prisma.Decimal(0)]));
  const volumeRows = await tx.$queryRaw<{ firm_id: string; contracts: Prisma.Decimal }[]>`
    SELECT a.firm_id, SUM(ABS(t.quantity))::numeric AS contracts
      FROM trade t JOIN margin_account a ON a.id = t.account_id
     WHERE t.settled_cycle_id = ANY(${cycles.map((c) => c.id)}::uuid[])
     GROUP BY a.firm_id`;
  const volume = new Map(volumeRows.map((r) => [r.firm_id, new Prisma.Decimal(r.contracts.toString())]));

  const settings = settingsOf(tx);
  const weights = {
    performanceBond: await settings.percentFraction("gf.performanceBondWeightPercent"),
    volume: await settings.percentFraction("gf.volumeWeightPercent"),
    foreignCurrency: await settings.percentFraction("gf.foreignSettlementWeightPercent"),
  };

  let cover2, requirements;
  try {
    cover2 = sizeGuarantyFundCover2({
      scenarios,
      members: firms.map((f) => ({
        id: f.code,
        performanceBondOnDeposit: (pbOnDeposit.get(f.id) ?? new Prisma.Decimal(0)).toFixed(2),
        stressLossCents: lossCents.get(f.code) ?? noLosses,
      })),
    });
    requirements = computeGuarantyFundRequirements({
      aggregate: cover2.aggregate,
      weights,
      members: firms.map((f) => ({
        id: f.code,
        memberType: baseFundMemberType(f),
        performanceBondHistoryCents: history.get(f.id)!,
        riskWeightedContracts: (volume.get(f.id) ?? new Prisma.Decimal(0)).toString(),
      })),
    });
  } catch (e) {
    if (e instanceof RiskError) throw recalculationRefused(`The recalculation cannot be made from the stored data: ${e.message}`, "asOf");
    throw e;
  }

  const firmIds = firms.map((f) => f.id);
  const [previousOf, balances] = await Promise.all([currentRequirements(tx, firmIds), balancesOf(tx, firmIds)]);
  const members: PreviewMember[] = [];
  for (const [i, f] of firms.entries()) {
    const r = requirements.members[i]!;
    const previous = previousOf.get(f.id) ?? null;
    const onDeposit = balances.get(f.id)!;
    const req = new Prisma.Decimal(r.requirement.toFixed(2));
    members.push({
      firmId: f.id,
      code: f.code,
      name: f.legalName,
      memberType: baseFundMemberType(f),
      performanceBondOnDeposit: (pbOnDeposit.get(f.id) ?? new Prisma.Decimal(0)).toFixed(2),
      averagePerformanceBond: r.averagePerformanceBond.toFixed(2),
      performanceBondShare: pct(r.performanceBondShare),
      contracts: r.riskWeightedContracts.toString(),
      volumeShare: pct(r.volumeShare),
      performanceBondTerm: r.performanceBondTerm.toFixed(2),
      volumeTerm: r.volumeTerm.toFixed(2),
      foreignCurrencyTerm: r.foreignCurrencyTerm.toFixed(2),
      proportionateShare: r.proportionateShare.toFixed(2),
      minimum: r.minimum.toFixed(2),
      minimumApplied: r.minimumApplied,
      requirement: req.toFixed(2),
      previousRequirement: previous ? previous.toFixed(2) : null,
      change: previous ? req.minus(previous).toFixed(2) : null,
      onDeposit: onDeposit.toFixed(2),
      shortfall: Prisma.Decimal.max(0, req.minus(onDeposit)).toFixed(2),
      excess: Prisma.Decimal.max(0, onDeposit.minus(req)).toFixed(2),
    });
  }
  const result: RecalculationResult = {
    asOf: input.asOf,
    windowFrom,
    cycleDays: days.length,
    latestCycle: `${isoOf(latest.businessDate)} ${latest.kind === "SCHEDULED" ? `cycle ${latest.number}` : `ad hoc ${latest.number}`}`,
    weights: { performanceBond: pct(requirements.weights.performanceBond), volume: pct(requirements.weights.volume), foreignCurrency: pct(requirements.weights.foreignCurrency) },
    cover2: {
      aggregate: cover2.aggregate.toFixed(2),
      worstScenario: cover2.worstScenario,
      largestTwo: cover2.largestTwo.map((g) => ({ group: g.group, members: [...g.members], shortfall: g.shortfall.toFixed(2) })),
      scenarios: cover2.scenarios.map((s) => ({ scenario: s.scenario, cover2: s.cover2.toFixed(2) })),
    },
    averageAggregatePerformanceBond: requirements.averageAggregatePerformanceBond.toFixed(2),
    totalContracts: requirements.totalRiskWeightedContracts.toString(),
    totalRequirements: requirements.totalRequirements.toFixed(2),
    totalMinimumTopUp: requirements.totalMinimumTopUp.toFixed(2),
    members,
  };

  const recalculation = await tx.gfRecalculation.create({
    data: {
      kind: input.kind,
      asOf: dateOnly(input.asOf),
      windowFrom: dateOnly(windowFrom),
      noticeDate: dateOnly(input.noticeDate),
      cycleDays: days.length,
      aggregate: result.cover2.aggregate,
      worstScenario: cover2.worstScenario,
      result: writeJson(recalculationResultColumn, result, "gf_recalculation.result"),
      stressSource: input.stressSource,
      createdBy: input.userId,
    },
  });
  await tx.gfStressResult.createMany({
    data: stress.map((s) => {
      const f = byCode.get(s.member)!;
      return { recalculationId: recalculation.id, firmId: f.id, scenario: s.scenario, stressLoss: s.stressLoss, performanceBondOnDeposit: (pbOnDeposit.get(f.id) ?? new Prisma.Decimal(0)).toFixed(2) };
    }),
  });
  return { recalculation, result };
}

/** Issues the preview's notices (once): each member's requirement against its balance now. */
export async function issueRecalculation(tx: Tx, input: { recalculationId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  // Claim the preview first so two concurrent issues cannot both write notices.
  const claimed = await tx.gfRecalculation.updateMany({ where: { id: input.recalculationId, status: "PREVIEW" }, data: { status: "ISSUED", issuedBy: input.userId, issuedAt: now } });
  if (claimed.count === 0) {
    const existing = await tx.gfRecalculation.findUnique({ where: { id: input.recalculationId } });
    throw recalculationRefused(existing ? `This recalculation was already issued on ${existing.issuedAt?.toISOString().slice(0, 10)}; nothing was issued again.` : "No such recalculation.", "recalculationId");
  }
  const newer = await tx.gfRecalculation.findFirst({ where: { status: "ISSUED", id: { not: input.recalculationId }, createdAt: { gt: (await tx.gfRecalculation.findUniqueOrThrow({ where: { id: input.recalculationId } })).createdAt } } });
  if (newer) throw recalculationRefused("A later recalculation has already been issued; run a new one instead of issuing this older preview.", "recalculationId");
  const recalculation = await tx.gfRecalculation.findUniqueOrThrow({ where: { id: input.recalculationId } });
  const result = readJson(recalculationResultColumn, recalculation.result, "gf_recalculation.result");
  const calendar = await businessCalendar(tx);
  const noticeDate = isoOf(recalculation.noticeDate);
  const balances = await balancesOf(tx, result.members.map((m) => m.firmId));
  const drafts = [];
  for (const m of result.members) {
    const onDeposit = balances.get(m.firmId)!;
    drafts.push(
      requirementDraft(calendar, {
        firmId: m.firmId,
        kind: recalculation.kind === "QUARTERLY" ? "DEPOSIT" : "INTERIM_INCREASE",
        recalculationId: recalculation.id,
        noticeDate,
        required: m.requirement,
        onDeposit: onDeposit.toFixed(2),
        calculation: {
          recalculationKind: recalculation.kind,
          asOf: result.asOf,
          windowFrom: result.windowFrom,
          cycleDays: result.cycleDays,
          aggregate: result.cover2.aggregate,
          worstScenario: result.cover2.worstScenario,
          largestTwo: result.cover2.largestTwo.map((g) => g.group),
          weights: result.weights,
          averageAggregatePerformanceBond: result.averageAggregatePerformanceBond,
          totalContracts: result.totalContracts,
          averagePerformanceBond: m.averagePerformanceBond,
          performanceBondShare: m.performanceBondShare,
          contracts: m.contracts,
          volumeShare: m.volumeShare,
          performanceBondTerm: m.performanceBondTerm,
          volumeTerm: m.volumeTerm,
          foreignCurrencyTerm: m.foreignCurrencyTerm,
          proportionateShare: m.proportionateShare,
          memberType: m.memberType,
          minimum: m.minimum,
          minimumApplied: m.minimumApplied,
          previousRequirement: m.previousRequirement,
        },
      }),
    );
  }
  const notices = await issueNotices(tx, drafts, input.userId, now);
  return { recalculation, notices };
}
