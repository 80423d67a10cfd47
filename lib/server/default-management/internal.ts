import "server-only";
/**
 * Helpers the default-management use cases share: exemption grounds as the risk core and
 * people name them, and how a risk-core refusal reaches the user.
 */
import type { ExemptionGround } from "@/generated/prisma/client";
import { type Tx, UserError } from "@/lib/server/action";
import type { Recipient } from "@/lib/notify/outbox";
import { RiskError, type ExemptionGround as RiskExemptionGround } from "@/lib/risk";

export const GROUND_FROM_DB: Record<ExemptionGround, RiskExemptionGround> = {
  DOES_NOT_TRADE: "does-not-trade",
  NOT_PROPORTIONATE: "not-proportionate",
  NO_TRADING_DESK: "no-trading-desk",
  OPERATIONAL: "operational",
};

export const GROUND_LABELS: Record<ExemptionGround, string> = {
  DOES_NOT_TRADE: "(i) does not trade the relevant products or product types",
  NOT_PROPORTIONATE: "(ii) open interest not proportionate to the defaulter's portfolio",
  NO_TRADING_DESK: "(iii) no active trading desk for the products",
  OPERATIONAL: "(iv) other operational reasons",
};

/** A risk-core refusal is the user's input problem: it names the field and the rule. */
export function refuse<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RiskError) throw new UserError(`${e.message}. Nothing was changed.`, { [e.field]: [e.message] });
    throw e;
  }
}

export async function allMemberRecipients(tx: Tx): Promise<Recipient[]> {
  const users = await tx.user.findMany({ where: { firmId: { not: null }, disabledAt: null, role: { in: ["MEMBER_USER", "MEMBER_RISK_ADMIN"] } }, select: { id: true, email: true, firmId: true } });
  return users.map((u) => ({ email: u.email, userId: u.id, firmId: u.firmId }));
}
