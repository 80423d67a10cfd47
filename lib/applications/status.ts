/** The application workflow (SPEC §2) in words, and who may move it where. Pure data. */
export const APPLICATION_STATUSES = ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "CHANGES_REQUESTED", "APPROVED", "REJECTED"] as const;
export type ApplicationStatusName = (typeof APPLICATION_STATUSES)[number];

export const STATUS_LABELS: Record<ApplicationStatusName, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  UNDER_REVIEW: "Under review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

/** Statuses in which the applicant may edit and submit. */
export const EDITABLE_STATUSES: readonly ApplicationStatusName[] = ["DRAFT", "CHANGES_REQUESTED"];
/** Statuses in which the clearing house reviews (exemptions may be recorded). */
export const REVIEWABLE_STATUSES: readonly ApplicationStatusName[] = ["SUBMITTED", "UNDER_REVIEW"];

/** The allowed moves: draft → submitted → under review → approved | rejected, changes requested back to the applicant. */
export const TRANSITIONS: Record<ApplicationStatusName, readonly ApplicationStatusName[]> = {
  DRAFT: ["SUBMITTED"],
  SUBMITTED: ["UNDER_REVIEW", "REJECTED"],
  UNDER_REVIEW: ["APPROVED", "REJECTED", "CHANGES_REQUESTED"],
  CHANGES_REQUESTED: ["SUBMITTED"],
  APPROVED: [],
  REJECTED: [],
};

export function canMove(from: ApplicationStatusName, to: ApplicationStatusName): boolean {
  return TRANSITIONS[from].includes(to);
}
