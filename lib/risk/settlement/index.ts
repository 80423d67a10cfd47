/** Settlement: Rule 814 settlement variation and prices on the tick. */
export * from "./tick";
export * from "./settlement-variation";
