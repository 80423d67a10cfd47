/** Business-day calendar, the Federal Reserve's holidays and the Base Cooling Off Period (Rule 802.H). */
export * from "./date";
export * from "./business-days";
export * from "./federal-reserve";
export * from "./cooling-off";
