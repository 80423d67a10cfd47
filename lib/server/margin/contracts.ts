/**
 * Contract ids and the products they belong to. SPAN XML ids (lib/span-xml): futures
 * "EXCH:CODE:PERIOD", options "EXCH:CODE:PERIOD:C|P:STRIKE"; product code "EXCH:CODE".
 */
import type { RiskParameters } from "@/lib/risk";

export type ContractKind = "future" | "option";

export interface ContractInfo {
  readonly contract: string;
  readonly productCode: string;
  readonly kind: ContractKind;
  readonly multiplier: string;
}

export function productCodeOf(contract: string): string {
  const parts = contract.split(":");
  return parts.length >= 2 ? `${parts[0]}:${parts[1]}` : contract;
}

/** Every contract of a parameter set with its product and kind. */
export function contractsOf(parameters: RiskParameters): Map<string, ContractInfo> {
  const out = new Map<string, ContractInfo>();
  for (const cc of parameters.combinedCommodities) {
    for (const c of cc.contracts) out.set(c.id, { contract: c.id, productCode: productCodeOf(c.id), kind: c.kind, multiplier: String(c.multiplier) });
  }
  return out;
}

/** The product table key of a contract: options are OPTION products; futures FUTURE or SWAP. */
export function productKeysFor(info: ContractInfo): readonly string[] {
  return info.kind === "option" ? [`${info.productCode}|OPTION`] : [`${info.productCode}|FUTURE`, `${info.productCode}|SWAP`];
}
