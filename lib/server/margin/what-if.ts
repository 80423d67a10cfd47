import "server-only";
/**
 * The what-if requirement (SPEC §5): a portfolio's SPAN requirement under the latest risk
 * parameters with the same add-ons its statement would carry, so that an account's unchanged
 * positions give exactly its statement's maintenance and initial: the Rule 824 additional
 * performance bonds in force for the firm (chargesFor, as the settlement cycle applies them),
 * and the initial buffer setting read exactly. Reads only; nothing is saved.
 */
import { computeSpanRequirement, RiskError } from "@/lib/risk";
import type { Tx } from "@/lib/server/action";
import { settingsOf } from "@/lib/server/settings/read";
import { compiledParameters } from "./cycle";
import { inputRefused } from "./load";
import { chargesFor, spanBreakdown, type SpanBreakdown } from "./statement";

export interface WhatIfInput {
  /** The firm's account the portfolio starts from (its charges apply); absent for an uploaded portfolio. */
  readonly accountId?: string;
  readonly positions: readonly { readonly contract: string; readonly quantity: string }[];
}

/** The what-if requirement of `firmId`'s portfolio; an input refusal naming the field for an account not the firm's or a bad position. */
export async function whatIfRequirement(client: Tx, firmId: string, input: WhatIfInput): Promise<{ businessDate: string; requirement: SpanBreakdown }> {
  const set = await client.riskParameterSet.findFirst({ orderBy: [{ businessDate: "desc" }, { createdAt: "desc" }] });
  if (!set) throw inputRefused("no risk parameters are loaded yet", null);
  const account = input.accountId ? await client.marginAccount.findFirst({ where: { id: input.accountId, firmId }, select: { origin: true } }) : null;
  if (input.accountId && !account) throw inputRefused("not one of your firm's accounts", "accountId");
  const { params, contracts } = compiledParameters(set.id, set.parameters);
  const positions = input.positions.filter((p) => BigInt(p.quantity) !== 0n);
  const charges = (await client.additionalCharge.findMany({ where: { firmId, endedAt: null }, orderBy: { createdAt: "asc" } })).map((c) => ({ id: c.id, productCode: c.productCode, side: c.side, amount: c.amount.toFixed(2), reason: c.reason }));
  try {
    const requirement = computeSpanRequirement({
      parameters: params,
      positions,
      initialBuffer: await settingsOf(client).percentFraction("margin.initialBufferPercent"),
      additionalPerformanceBond: chargesFor(account?.origin ?? null, positions, contracts, charges),
    });
    return { businessDate: set.businessDate.toISOString().slice(0, 10), requirement: spanBreakdown(requirement) };
  } catch (e) {
    if (e instanceof RiskError) throw inputRefused(e.message, e.field);
    throw e;
  }
}
