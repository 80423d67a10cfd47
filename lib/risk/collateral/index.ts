/** Collateral: Rule 820 valuation with haircuts and eligibility, and the performance bond call. */
export * from "./valuation";
export * from "./performance-bond-call";
