export const OUTCOME_LABELS: Record<string, string> = {
  winning: "winning",
  competitive: "competitive",
  "non-competitive": "non-competitive",
  "mandated-no-bid": "mandated, no bid",
  "not-required-no-bid": "not required, no bid",
};

export interface FirmChoice {
  readonly id: string;
  readonly code: string;
  readonly legalName: string;
}
