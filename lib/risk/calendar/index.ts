/** Business-day calendar and the Base Cooling Off Period (Rule 802.H). */
export * from "./date";
export * from "./business-days";
export * from "./cooling-off";
