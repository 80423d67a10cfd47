/**
 * The risk core: every formula of the portal, pure TypeScript over decimal.js.
 * No Prisma, no Next, no clock (callers pass `asOf`), no I/O.
 * One rule area per folder, one calculation per file.
 */
export * from "./money";
export * from "./errors";
// Margin engine: SPAN performance bond, settlement variation, collateral, backtest.
export * from "./margin";
export * from "./settlement";
export * from "./collateral";
// Financial safeguards: calendar, capital, membership, guaranty fund, auction, waterfall.
export * from "./calendar";
export * from "./capital";
export * from "./membership";
export * from "./guaranty-fund";
export * from "./auction";
export * from "./waterfall";
// Credit controls: GC2 utilization, pre-trade check, RMI and kill switch.
export * from "./credit-controls";
