/**
 * Guaranty fund deposit notices (Rule 816, seed 002; SPEC §6) and restoration after use
 * (Rule 802.F): on the quarterly (or interim) recalculation a member whose deposit is smaller
 * than required "shall increase its amount within five business days"; one whose deposit is
 * larger "may withdraw the excess amount". After the fund is used, members restore their
 * contributions "prior to the close of business on the next banking day".
 */
import { type Dec, ZERO, max } from "../money";
import { addBusinessDays, nextBusinessDay, type BusinessCalendar } from "../calendar/business-days";
import { type IsoDate, isoDate } from "../calendar/date";
import { money, wholeCount } from "../calendar/checks";

type Amount = Dec | string;

export interface DepositNoticeInput {
  readonly memberId: string;
  readonly noticeDate: IsoDate;
  readonly required: Amount;
  readonly onDeposit: Amount;
  /** "quarterly" recalculation or an "interim" demand between quarters (both 5 business days). */
  readonly kind?: "quarterly" | "interim";
  /** Business days to deposit a shortfall (default 5). */
  readonly dueBusinessDays?: number;
}

export interface DepositNotice {
  readonly memberId: string;
  readonly kind: "quarterly" | "interim";
  readonly noticeDate: IsoDate;
  readonly required: Dec;
  readonly onDeposit: Dec;
  readonly shortfall: Dec;
  readonly excess: Dec;
  readonly action: "deposit shortfall" | "excess may be withdrawn" | "none";
  /** Due date of the shortfall (null if none). */
  readonly dueDate: IsoDate | null;
  readonly rule: string;
}

/** A deposit notice: required vs on deposit, shortfall due in 5 business days, excess withdrawable. */
export function guarantyFundDepositNotice(calendar: BusinessCalendar, input: DepositNoticeInput): DepositNotice {
  isoDate(input.noticeDate, "noticeDate");
  const required = money(input.required, "required");
  const onDeposit = money(input.onDeposit, "onDeposit");
  const n = input.dueBusinessDays === undefined ? 5 : wholeCount(input.dueBusinessDays, "dueBusinessDays", 0);
  const shortfall = max(ZERO, required.minus(onDeposit));
  const excess = max(ZERO, onDeposit.minus(required));
  const kind = input.kind ?? "quarterly";
  return {
    memberId: input.memberId,
    kind,
    noticeDate: input.noticeDate,
    required,
    onDeposit,
    shortfall,
    excess,
    action: shortfall.isPositive() && !shortfall.isZero() ? "deposit shortfall" : excess.isZero() ? "none" : "excess may be withdrawn",
    dueDate: shortfall.isZero() ? null : addBusinessDays(calendar, input.noticeDate, n, "noticeDate"),
    rule: kind === "quarterly" ? "Rule 816: increase within five business days; excess may be withdrawn" : "Rule 816: interim demand, increase within five business days",
  };
}

export interface ReplenishmentInput {
  readonly memberId: string;
  /** Day the member's contribution was applied to a loss. */
  readonly usedOn: IsoDate;
  /** Amount of its contribution applied. */
  readonly amountApplied: Amount;
}

export interface Replenishment {
  readonly memberId: string;
  readonly amount: Dec;
  readonly dueDate: IsoDate;
  readonly rule: string;
}

/** Restoration of a used contribution: due by close of business on the next business day (802.F). */
export function guarantyFundReplenishment(calendar: BusinessCalendar, input: ReplenishmentInput): Replenishment {
  return {
    memberId: input.memberId,
    amount: money(input.amountApplied, "amountApplied"),
    dueDate: nextBusinessDay(calendar, input.usedOn, "usedOn"),
    rule: "Rule 802.F: restore prior to the close of business on the next banking day",
  };
}
