/**
 * Every status and kind the portal shows, in words people read: the one map of labels
 * (StatusBadge, tables, home pages, e-mails). A page never prints an enum's name
 * ("LOSS_APPLIED", "auth.second-factor-enrolled"). Pure data: used by server and browser code.
 */
import type {
  AuctionStatus,
  CollateralRequestKind,
  CollateralRequestStatus,
  CreditOrderState,
  CycleStatus,
  ExemptionStatus,
  FilingStatus,
  FirmStatus,
  GfMovementKind,
  GfNoticeKind,
  OutboxStatus,
} from "@/generated/prisma/enums";

export const FIRM_STATUS_LABELS: Record<FirmStatus, string> = {
  ACTIVE: "Active",
  IN_DEFAULT: "In default",
  SUSPENDED: "Suspended",
  WITHDRAWN: "Withdrawn",
};

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  SUBMITTED: "Submitted, not yet reviewed",
  ACCEPTED: "Accepted",
  QUERIED: "Queried",
};

export const NOTICE_KIND_LABELS: Record<GfNoticeKind, string> = {
  DEPOSIT: "Deposit notice",
  INTERIM_INCREASE: "Interim increase",
  REPLENISHMENT: "Replenishment notice",
  ASSESSMENT: "Assessment notice",
};

/** Contribution movements as people read them (not the enum's names). */
export const MOVEMENT_KIND_LABELS: Record<GfMovementKind, string> = {
  DEPOSIT: "Deposit",
  WITHDRAWAL: "Withdrawal",
  LOSS_APPLIED: "Applied to a default's loss (Rule 802.B)",
};

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = { RUNNING: "Running", COMPLETED: "Completed", FAILED: "Failed" };

export const COLLATERAL_REQUEST_KIND_LABELS: Record<CollateralRequestKind, string> = { POST: "Post", WITHDRAW: "Withdraw" };

export const COLLATERAL_REQUEST_STATUS_LABELS: Record<CollateralRequestStatus, string> = { PENDING: "Pending", APPROVED: "Approved", REJECTED: "Rejected" };

export const ORDER_STATE_LABELS: Record<CreditOrderState, string> = {
  WORKING: "Working",
  PARTIALLY_FILLED: "Partially filled",
  FILLED: "Filled",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

export const AUCTION_STATUS_LABELS: Record<AuctionStatus, string> = { OPEN: "Open", CLOSED: "Closed" };

export const EXEMPTION_STATUS_LABELS: Record<ExemptionStatus, string> = { PENDING: "Pending", GRANTED: "Granted", DENIED: "Denied" };

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = { PENDING: "Waiting to send", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" };

/**
 * Audit trail actions (the action wrapper's names and the sign-in events) as people read them.
 * Every action the portal writes is here (tests/unit/labels.test.ts checks the code for new ones).
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "apiKeys.create": "API key created",
  "apiKeys.revoke": "API key revoked",
  "applications.approve": "Application approved",
  "applications.attachDocument": "Application document attached",
  "applications.recordExemption": "Application exemption recorded",
  "applications.reject": "Application rejected",
  "applications.removeDocument": "Application document removed",
  "applications.requestChanges": "Changes requested to an application",
  "applications.saveStep": "Application step saved",
  "applications.startReview": "Application review started",
  "applications.submit": "Application submitted",
  "auth.invitation-accepted": "Invitation accepted",
  "auth.register": "Registered",
  "auth.second-factor": "Second sign-in step (code)",
  "auth.second-factor-enrolled": "Two-step sign-in turned on",
  "auth.session-ended": "Signed out or session ended",
  "auth.sign-in": "Sign-in",
  "auth.step-up": "Second-factor code for a sensitive action",
  "authz.denied": "Access refused",
  "creditControls.createGrouping": "Credit grouping created",
  "creditControls.import.orders": "Orders imported (CSV)",
  "creditControls.import.fills": "Fills imported (CSV)",
  "creditControls.killSwitch": "Kill switch",
  "creditControls.liftCreditBlock": "Credit-control block lifted",
  "creditControls.rmiBlock": "RMI block set",
  "creditControls.rmiUnblock": "RMI block lifted",
  "creditControls.updateGrouping": "Credit grouping changed",
  "default.closeAuction": "Auction closed",
  "default.createAuction": "Auction opened",
  "default.decideExemption": "Bidding exemption decided",
  "default.declare": "Default declared",
  "default.designateWinners": "Auction winners designated",
  "default.notifyMandate": "Mandated bidders notified",
  "default.previewMandate": "Mandated bidder selection previewed",
  "default.requestExemption": "Bidding exemption requested",
  "default.runWaterfall": "Loss waterfall run (Rule 802.B)",
  "default.saveCategory": "Product category saved",
  "demo.seed": "Demo data loaded",
  "demo.seed-filings": "Demo filings loaded",
  "file.upload": "File uploaded",
  "filings.addKeyContact": "Key contact added",
  "filings.closeCase": "Surveillance case closed",
  "filings.import": "Financial report imported",
  "filings.notice": "Regulatory notice filed",
  "filings.removeKeyContact": "Key contact removed",
  "filings.review": "Financial report reviewed",
  "filings.signOffContacts": "Key contacts signed off",
  "filings.submit": "Financial report filed",
  "firms.updateFacts": "Firm facts changed",
  "gf.acknowledgeNotice": "Guaranty fund notice acknowledged",
  "gf.issueNotices": "Guaranty fund notices issued",
  "gf.previewRecalculation": "Guaranty fund recalculation previewed",
  "gf.recordDeposit": "Guaranty fund deposit or withdrawal recorded",
  "margin.addCharge": "Additional performance bond added (Rule 824)",
  "margin.cycle.completed": "Settlement cycle completed",
  "margin.cycle.failed": "Settlement cycle failed",
  "margin.decideCollateral": "Collateral request decided",
  "margin.endCharge": "Additional performance bond ended",
  "margin.feed.positions": "Positions received",
  "margin.feed.trades": "Trades received",
  "margin.loadRiskParameters": "Risk parameters loaded",
  "margin.loadSettlementPrices": "Settlement prices loaded",
  "margin.requestCollateral": "Collateral requested",
  "margin.runCycle": "Settlement cycle run",
  "margin.startCycle": "Settlement cycle started",
  "margin.uploadPositions": "Positions uploaded",
  "security.origin-refused": "Request from another site refused",
  "stressPath.create": "Stress path created",
  "stressPath.setStatus": "Stress path published or withdrawn",
  "settings.update": "Setting changed",
  "users.revokeSessions": "Sessions revoked",
};

/** An audit action in words; one not in the map reads as its words ("margin.feed.x" → "Margin feed x"), never raw. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[.\-_\s]+/)
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Outcomes of audited actions other than "ok". */
export const AUDIT_OUTCOME_LABELS: Readonly<Record<string, string>> = { ok: "done", denied: "refused", invalid: "refused: invalid input", refused: "refused", error: "failed" };

/** Any enum value in words, from the maps above; an unknown one reads as its words ("IN_DEFAULT" → "In default"). */
export function enumLabel(map: Readonly<Record<string, string>>, value: string): string {
  const known = map[value];
  if (known) return known;
  const words = value.replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
