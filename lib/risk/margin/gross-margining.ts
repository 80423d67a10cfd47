/**
 * Gross customer margining and net house margining [seed 002 "Performance Bond Requirements":
 * CME Clearing requires "gross" performance bonds for customer positions and allows "net"
 * performance bonds for proprietary positions; SPEC §5].
 *
 *   customer origins (segregated, secured 30.7, cleared swaps): requirement = Σ_customers
 *     requirement(customer's own portfolio), no offsets between customers;
 *   house: requirement = requirement(all house positions netted as one portfolio).
 */
import { D, type Dec, type DecInput } from "../money";
import { RiskError } from "../errors";
import type { CompiledRiskParameters, RiskParameters } from "./parameters";
import { beginPortfolio, marginPortfolio } from "./portfolio";
import { assertExact, unitsToDec } from "./minor-units";
import {
  addPositions,
  bufferMicro,
  buildRequirement,
  initialUnits,
  resolveParameters,
  type PositionInput,
  type RequirementAddOns,
  type SpanRequirement,
} from "./requirement";

export const ORIGINS = ["house", "customer-segregated", "customer-secured-30.7", "cleared-swaps-customer"] as const;
export type Origin = (typeof ORIGINS)[number];

export interface AccountPositions extends RequirementAddOns {
  readonly accountId: string;
  readonly positions: readonly PositionInput[];
}

export interface ComputeOriginRequirementInput {
  readonly parameters: RiskParameters | CompiledRiskParameters;
  readonly origin: Origin;
  readonly accounts: readonly AccountPositions[];
  readonly initialBuffer?: DecInput;
}

export interface PortfolioRequirement {
  /** The accounts margined together: one per portfolio when gross, all of them when net. */
  readonly accountIds: readonly string[];
  readonly requirement: SpanRequirement;
}

export interface OriginRequirement {
  readonly origin: Origin;
  readonly method: "gross" | "net";
  readonly portfolios: readonly PortfolioRequirement[];
  readonly maintenance: Dec;
  readonly initial: Dec;
}

function checkAccounts(accounts: readonly { readonly accountId: string }[]): void {
  if (!Array.isArray(accounts)) throw new RiskError("INVALID_INPUT", "accounts", "accounts must be a list");
  const seen = new Set<string>();
  accounts.forEach((a, i) => {
    if (!a || typeof a.accountId !== "string" || a.accountId === "") throw new RiskError("REQUIRED", `accounts[${i}].accountId`, `accounts[${i}].accountId is required`);
    if (seen.has(a.accountId)) throw new RiskError("DUPLICATE", `accounts[${i}].accountId`, `account ${a.accountId} appears more than once`);
    seen.add(a.accountId);
  });
}

/**
 * Requirement of an origin: gross (each customer's portfolio separately, summed) for customer
 * origins, net (one portfolio of all positions) for the house. Initial is the sum of the
 * portfolios' initial requirements.
 */
export function computeOriginRequirement(input: ComputeOriginRequirementInput): OriginRequirement {
  if (!(ORIGINS as readonly string[]).includes(input.origin)) throw new RiskError("INVALID_INPUT", "origin", `origin must be one of ${ORIGINS.join(", ")}`);
  checkAccounts(input.accounts);
  const { params, ws } = resolveParameters(input.parameters);
  const buffer = bufferMicro(input.initialBuffer);
  const portfolios: PortfolioRequirement[] = [];
  if (input.origin === "house") {
    beginPortfolio(ws);
    input.accounts.forEach((a, i) => addPositions(params, ws, a.positions, `accounts[${i}].positions`));
    const units = marginPortfolio(ws, true);
    const extras: RequirementAddOns = {
      concentration: input.accounts.flatMap((a) => a.concentration ?? []),
      additionalPerformanceBond: input.accounts.flatMap((a) => a.additionalPerformanceBond ?? []),
    };
    portfolios.push({ accountIds: input.accounts.map((a) => a.accountId), requirement: buildRequirement(params, units, extras, buffer, "accounts[*].") });
  } else {
    input.accounts.forEach((a, i) => {
      beginPortfolio(ws);
      addPositions(params, ws, a.positions, `accounts[${i}].positions`);
      portfolios.push({ accountIds: [a.accountId], requirement: buildRequirement(params, marginPortfolio(ws, true), a, buffer, `accounts[${i}].`) });
    });
  }
  return {
    origin: input.origin,
    method: input.origin === "house" ? "net" : "gross",
    portfolios,
    maintenance: portfolios.reduce((s, p) => s.plus(p.requirement.maintenance), new D(0)),
    initial: portfolios.reduce((s, p) => s.plus(p.requirement.initial), new D(0)),
  };
}

export interface MarginAccountsInput {
  readonly parameters: RiskParameters | CompiledRiskParameters;
  readonly accounts: readonly { readonly accountId: string; readonly positions: readonly PositionInput[] }[];
  readonly initialBuffer?: DecInput;
}

/**
 * One account's result in a bulk run. The engine holds exact whole minor units; the Dec values
 * are made from them when first read (turning 100,000 accounts' results into decimals costs more
 * than margining them, and a caller often needs only some of them).
 */
export class AccountMargin {
  private maintenanceDec: Dec | null = null;
  private initialDec: Dec | null = null;
  constructor(
    readonly accountId: string,
    /** Maintenance in whole minor units (exact safe integer). */
    readonly maintenanceUnits: number,
    /** Initial in whole minor units (exact safe integer). */
    readonly initialUnits: number,
    private readonly decimals: number,
  ) {}
  get maintenance(): Dec {
    return (this.maintenanceDec ??= unitsToDec(this.maintenanceUnits, this.decimals));
  }
  get initial(): Dec {
    return (this.initialDec ??= unitsToDec(this.initialUnits, this.decimals));
  }
  toJSON(): { accountId: string; maintenance: string; initial: string } {
    return { accountId: this.accountId, maintenance: this.maintenance.toString(), initial: this.initial.toString() };
  }
}

export interface MarginAccountsResult {
  readonly accounts: readonly AccountMargin[];
  /** Gross totals: Σ over accounts. */
  readonly maintenance: Dec;
  readonly initial: Dec;
}

/**
 * Bulk gross margining: each account's SPAN requirement (its own net portfolio), totals only,
 * for end-of-cycle runs over many accounts. Same formulas as computeSpanRequirement without the
 * statement breakdown or add-ons. All inputs are validated before any result is returned.
 */
export function marginAccounts(input: MarginAccountsInput): MarginAccountsResult {
  if (!Array.isArray(input.accounts)) throw new RiskError("INVALID_INPUT", "accounts", "accounts must be a list");
  const { params, ws } = resolveParameters(input.parameters);
  const buffer = bufferMicro(input.initialBuffer);
  const d = params.decimals;
  const out: AccountMargin[] = new Array(input.accounts.length);
  let maintenance = 0;
  let initial = 0;
  for (let i = 0; i < input.accounts.length; i++) {
    const a = input.accounts[i]!;
    if (!a || typeof a.accountId !== "string") throw new RiskError("REQUIRED", `accounts[${i}].accountId`, `accounts[${i}].accountId is required`);
    beginPortfolio(ws);
    addPositions(params, ws, a.positions, `accounts[${i}].positions`);
    const m = marginPortfolio(ws, false).total;
    const ini = initialUnits(m, buffer.micro);
    maintenance = assertExact(maintenance + m, "maintenance");
    initial = assertExact(initial + ini, "initial");
    out[i] = new AccountMargin(a.accountId, m, ini, d);
  }
  return { accounts: out, maintenance: unitsToDec(maintenance, d), initial: unitsToDec(initial, d) };
}
