/**
 * The portal's areas: every page an audience navigates to, with the permission it needs.
 * The navigation is drawn from this list, every page calls requirePage() with the same
 * permission, and the authorization-matrix test walks it with every role.
 */
import type { Permission } from "./permissions";

export interface Area {
  readonly path: string;
  readonly label: string;
  readonly permission: Permission;
  /** the issue that fills the area, while it is not yet open */
  readonly pending?: string;
  readonly description: string;
}

export const AREAS: readonly Area[] = [
  // applicant
  { path: "/application", label: "Application", permission: "application.own", description: "Your membership application, its requirements checklist and status." },
  { path: "/application/outbox", label: "Messages", permission: "application.own", description: "E-mails the portal sent you." },
  // member
  { path: "/member", label: "Home", permission: "member.read", description: "Your firm's requirements, notices and deadlines at a glance." },
  { path: "/member/statements", label: "Margin statements", permission: "member.read", description: "Performance bond and settlement variation per account and cycle." },
  { path: "/member/what-if", label: "What-if margin", permission: "member.read", description: "Recompute the requirement for a changed portfolio without saving anything." },
  { path: "/member/stress-path", label: "Stress paths", permission: "member.read", description: "Carry an account through a stress path day by day: variation, requirement, calls, liquidity need." },
  { path: "/member/filings", label: "Financial filings", permission: "member.read", description: "Monthly and annual statements, notices and the filing calendar." },
  { path: "/member/filings/new", label: "File a report", permission: "member.file", description: "Enter or import a statement, see the computed capital and flags, and file it with the signed original." },
  { path: "/member/filings/notices", label: "Notices & contacts", permission: "member.read", description: "Required notices and the key personnel listing with its semi-annual sign-off." },
  { path: "/member/guaranty-fund", label: "Guaranty fund", permission: "member.read", description: "Deposit notices, requirement and deposits over time." },
  { path: "/member/credit-controls", label: "Credit controls", permission: "member.read", description: "GC2 limits and live utilization per grouping, with their history." },
  { path: "/member/credit-controls/rmi", label: "RMI & kill switch", permission: "member.read", description: "Order entry blocks, their history, and the kill switch." },
  { path: "/member/credit-controls/orders", label: "Orders & fills", permission: "member.read", description: "Working orders and fills from your feed, and CSV upload." },
  { path: "/member/default-management", label: "Auctions & defaults", permission: "member.read", description: "Mandated categories, open auctions, bids and the waterfall simulator." },
  { path: "/member/default-management/simulator", label: "Waterfall simulator", permission: "member.read", description: "What a hypothetical default of another member would cost your firm, layer by layer." },
  { path: "/member/api-keys", label: "API keys", permission: "member.riskAdmin", description: "Keys for your systems' order, fill, position and trade feeds." },
  { path: "/member/outbox", label: "Messages", permission: "member.read", description: "E-mails the portal sent to your firm." },
  // clearing house
  { path: "/ch", label: "Home", permission: "ch.read", description: "Members, deadlines and open work across the clearing house." },
  { path: "/ch/applications", label: "Applications", permission: "ch.read", description: "The membership review queue." },
  { path: "/ch/surveillance", label: "Capital surveillance", permission: "ch.read", description: "Every member's latest ANC, excess, flags and filings." },
  { path: "/ch/margin", label: "Settlement cycles", permission: "ch.read", description: "Risk parameters, settlement prices, cycles and calls." },
  { path: "/ch/stress-paths", label: "Stress paths", permission: "ch.read", description: "The stress paths published to members: create from CSV, publish, withdraw." },
  { path: "/ch/guaranty-fund", label: "Guaranty fund", permission: "ch.read", description: "Recalculation, notices, deposits and shortfalls." },
  { path: "/ch/default-management", label: "Default management", permission: "ch.read", description: "Product categories, mandated bidders, defaults, auctions and the waterfall." },
  { path: "/ch/members", label: "Members & users", permission: "ch.read", description: "Clearing members and their users." },
  { path: "/ch/settings", label: "Settings", permission: "settings.edit", description: "The parameters SPEC.md calls settings, with their history." },
  { path: "/ch/audit", label: "Audit trail", permission: "audit.read", description: "Who did what, hash-chained and append-only." },
  { path: "/ch/outbox", label: "Outbox", permission: "ch.read", description: "Every e-mail the portal sends, with its delivery status." },
];

export function areasFor(prefix: "/application" | "/member" | "/ch"): readonly Area[] {
  return AREAS.filter((a) => a.path === prefix || a.path.startsWith(`${prefix}/`));
}
