/** Guaranty fund: Rule 816 requirements, cover-2 sizing, deposit notices, assessment capacity. */
export * from "./requirement";
export * from "./cover2";
export * from "./deposit-notice";
export * from "./assessment-capacity";
