/**
 * Every "setting" SPEC.md names: where a rule text gives no number, the number is a setting
 * with a default, editable by clearing-house staff, every change versioned (who, when, old,
 * new, why). Values are stored as text and parsed by kind; the parsers here are the one
 * validation of a setting's value, shared by the settings form and the server action.
 */
import { federalReserveHolidayDates } from "@/lib/risk/calendar/federal-reserve";

export type SettingKind = "percent" | "integer" | "money" | "decimal" | "dateList" | "stringList";

export interface SettingDefinition {
  readonly key: string;
  readonly label: string;
  readonly group: string;
  readonly kind: SettingKind;
  readonly defaultValue: string;
  readonly min?: string;
  readonly max?: string;
  /** Where the rule or the default comes from. */
  readonly source: string;
}

/** The default holidays: the Federal Reserve's (Fedwire closed) by its published rules; settlement moves on Fedwire days. */
const FED_HOLIDAY_YEARS = { from: 2026, to: 2030 } as const;
const FED_HOLIDAYS = federalReserveHolidayDates(FED_HOLIDAY_YEARS.from, FED_HOLIDAY_YEARS.to);

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  { key: "filing.monthlyDueBusinessDays", label: "Monthly statement due (business days after month end)", group: "Financial reporting", kind: "integer", defaultValue: "17", min: "1", max: "60", source: "SPEC §3; 002 Periodic Financial Reporting" },
  { key: "filing.annualDueDays", label: "Annual certified statement due (days after fiscal year end)", group: "Financial reporting", kind: "integer", defaultValue: "90", min: "1", max: "365", source: "SPEC §3; 002" },
  { key: "filing.annualDueDaysBrokerDealer", label: "Annual certified statement due, broker-dealers (days)", group: "Financial reporting", kind: "integer", defaultValue: "60", min: "1", max: "365", source: "SPEC §3; 002" },
  { key: "filing.bankDueDaysAfterRegulator", label: "Bank filing due (days after the regulatory filing)", group: "Financial reporting", kind: "integer", defaultValue: "5", min: "1", max: "60", source: "SPEC §3; 002" },
  { key: "capital.earlyWarningPercent", label: "Early-warning level (% of minimum capital)", group: "Capital surveillance", kind: "percent", defaultValue: "110", min: "100", max: "300", source: "SPEC §3" },
  { key: "capital.substantialReductionPercent", label: "Substantial capital reduction against the last filing (%)", group: "Capital surveillance", kind: "percent", defaultValue: "20", min: "1", max: "100", source: "SPEC §3" },
  { key: "margin.initialBufferPercent", label: "Initial performance bond buffer over maintenance (%)", group: "Performance bond", kind: "percent", defaultValue: "10", min: "0", max: "100", source: "001 §13 (initial = maintenance + 10%); SPEC §5" },
  { key: "gf.performanceBondWeightPercent", label: "Guaranty fund weight on risk performance bond (%)", group: "Guaranty fund", kind: "percent", defaultValue: "95", min: "0", max: "100", source: "Rule 816; 001 §23" },
  { key: "gf.volumeWeightPercent", label: "Guaranty fund weight on risk-weighted volume (%)", group: "Guaranty fund", kind: "percent", defaultValue: "5", min: "0", max: "100", source: "Rule 816; 001 §23" },
  { key: "gf.foreignSettlementWeightPercent", label: "Guaranty fund weight on foreign-currency settlements (%)", group: "Guaranty fund", kind: "percent", defaultValue: "0", min: "0", max: "100", source: "Rule 816 (third term)" },
  { key: "auction.proportionalityMinRatio", label: "Mandated bidding: minimum ratio of a member's proprietary position to the defaulter's", group: "Default management", kind: "decimal", defaultValue: "0.10", min: "0", max: "10", source: "Rule 914 (proportionality; no number given, our default)" },
  { key: "calendar.holidays", label: "Holidays (no settlement): business-day calendar", group: "Calendar", kind: "dateList", defaultValue: FED_HOLIDAYS.join(","), source: `Federal Reserve holiday rules (Saturday holidays not observed, Sunday ones on the Monday), ${FED_HOLIDAY_YEARS.from}-${FED_HOLIDAY_YEARS.to}` },
  { key: "membership.approvedSettlementBanks", label: "Approved settlement banks", group: "Membership", kind: "stringList", defaultValue: ["Bank of America", "BMO Harris Bank", "The Bank of New York Mellon", "Citibank", "Fifth Third Bank", "JPMorgan Chase Bank", "The Northern Trust Company", "U.S. Bank", "Wells Fargo Bank"].join(","), source: "SPEC §2 (002 names no list; our default)" },
  { key: "uploads.maxSizeMb", label: "Largest upload (MB)", group: "Documents", kind: "integer", defaultValue: "20", min: "1", max: "200", source: "our default (20 MB)" },
];

export const SETTINGS_BY_KEY: ReadonlyMap<string, SettingDefinition> = new Map(SETTING_DEFINITIONS.map((d) => [d.key, d]));

const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function compareDecimal(a: string, b: string): number {
  // Plain decimal strings of modest size: compare exactly via scaled BigInt.
  const scale = (s: string) => {
    const [i, f = ""] = s.split(".");
    return BigInt((i ?? "0") + f.padEnd(12, "0").slice(0, 12));
  };
  const x = scale(a);
  const y = scale(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Check and normalise a setting value. Returns the value to store, or an error message that
 * names the setting and the rule broken.
 */
export function parseSettingValue(def: SettingDefinition, raw: string): { ok: true; value: string } | { ok: false; error: string } {
  const value = raw.trim();
  switch (def.kind) {
    case "percent":
    case "integer":
    case "money":
    case "decimal": {
      if (!DECIMAL.test(value)) return { ok: false, error: `${def.label}: must be a number (e.g. 110 or 12.5)` };
      if (def.kind === "integer" && value.includes(".")) return { ok: false, error: `${def.label}: must be a whole number` };
      if (def.min !== undefined && compareDecimal(value, def.min) < 0) return { ok: false, error: `${def.label}: must be at least ${def.min}` };
      if (def.max !== undefined && compareDecimal(value, def.max) > 0) return { ok: false, error: `${def.label}: must be at most ${def.max}` };
      return { ok: true, value };
    }
    case "dateList": {
      const items = value.split(/[\s,]+/).filter(Boolean);
      const bad = items.find((d) => !validDate(d));
      if (bad) return { ok: false, error: `${def.label}: "${bad}" is not a date (YYYY-MM-DD)` };
      return { ok: true, value: [...new Set(items)].sort().join(",") };
    }
    case "stringList": {
      const items = value.split(/\s*[,\n]\s*/).map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) return { ok: false, error: `${def.label}: needs at least one entry` };
      return { ok: true, value: [...new Set(items)].join(",") };
    }
  }
}
