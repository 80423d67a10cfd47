/** Capital: adjusted net capital, surveillance flags and filing due dates (SPEC §3). */
export * from "./adjusted-net-capital";
export * from "./capital-assessment";
export * from "./filing-due-dates";
