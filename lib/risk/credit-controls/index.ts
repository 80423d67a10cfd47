// Credit controls: GC2 utilization, the pre-trade check, RMI blocks, the trading day.
export * from "./types";
export * from "./scaled";
export * from "./utilization";
export * from "./engine";
export * from "./trading-date";
