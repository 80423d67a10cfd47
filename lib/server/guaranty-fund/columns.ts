/**
 * gf_recalculation.result, read and written through its zod schema (lib/shared/json-column.ts):
 * the cover-2 sizing and each member's Rule 816 requirement, amounts as decimal strings.
 */
import { z } from "zod";
import type { RecalculationResult } from "./recalculation";

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal as a string");

export const recalculationResultColumn = z.object({
  asOf: z.string(),
  windowFrom: z.string(),
  cycleDays: z.number().int().nonnegative(),
  latestCycle: z.string(),
  weights: z.object({ performanceBond: decimal, volume: decimal, foreignCurrency: decimal }),
  cover2: z.object({
    aggregate: decimal,
    worstScenario: z.string(),
    largestTwo: z.array(z.object({ group: z.string(), members: z.array(z.string()).readonly(), shortfall: decimal })).readonly(),
    scenarios: z.array(z.object({ scenario: z.string(), cover2: decimal })).readonly(),
  }),
  averageAggregatePerformanceBond: decimal,
  totalContracts: z.string(),
  totalRequirements: decimal,
  totalMinimumTopUp: decimal,
  members: z
    .array(
      z.object({
        firmId: z.string(),
        code: z.string(),
        name: z.string(),
        memberType: z.enum(["futures-options", "base-otc"]),
        performanceBondOnDeposit: decimal,
        averagePerformanceBond: decimal,
        performanceBondShare: decimal,
        contracts: z.string(),
        volumeShare: decimal,
        performanceBondTerm: decimal,
        volumeTerm: decimal,
        foreignCurrencyTerm: decimal,
        proportionateShare: decimal,
        minimum: decimal,
        minimumApplied: z.boolean(),
        requirement: decimal,
        previousRequirement: decimal.nullable(),
        change: decimal.nullable(),
        onDeposit: decimal,
        shortfall: decimal,
        excess: decimal,
      }),
    )
    .readonly(),
});

/** What the column holds is a RecalculationResult (checked here, at compile time). */
const sameShape: (r: z.output<typeof recalculationResultColumn>) => RecalculationResult = (r) => r;
void sameShape;
