/** Membership onboarding: minimum capital and the requirements checklist (SPEC §2). */
export * from "./minimum-capital";
export * from "./application";
export * from "./requirements";
