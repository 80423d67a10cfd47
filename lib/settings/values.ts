/**
 * A stored setting's value, typed by its kind: the one way settings are read as numbers, dates
 * or lists. Percentages and decimals stay exact decimal strings (never a JavaScript number: a
 * buffer of 14.3% is "0.143", not 0.14300000000000002); only whole counts (days, megabytes)
 * become numbers. Each reader checks the value again (parseSettingValue) and that the setting
 * is of its kind, so a wrong key or a corrupt row fails loudly instead of computing with it.
 */
import { D } from "@/lib/risk/money";
import { parseSettingValue, SETTINGS_BY_KEY, type SettingDefinition, type SettingKind } from "./definitions";

/** Where a setting's stored text comes from: null (or undefined) when never set, so its default applies. */
export type StoredSetting = string | null | undefined;

function checked(key: string, kinds: readonly SettingKind[], stored: StoredSetting): { def: SettingDefinition; value: string } {
  const def = SETTINGS_BY_KEY.get(key);
  if (!def) throw new Error(`unknown setting ${key}`);
  if (!kinds.includes(def.kind)) throw new Error(`setting ${key} is a ${def.kind} setting, not ${kinds.join(" or ")}`);
  const parsed = parseSettingValue(def, stored ?? def.defaultValue);
  if (!parsed.ok) throw new Error(`setting ${key} holds an invalid value: ${parsed.error}`);
  return { def, value: parsed.value };
}

/** A percent setting as an exact decimal fraction: "14.3" → "0.143", "10" → "0.1". */
export function percentFraction(key: string, stored: StoredSetting): string {
  return new D(checked(key, ["percent"], stored).value).div(100).toString();
}

/** A percent setting as the exact decimal string of its percentage ("110", "12.5"). */
export function percentValue(key: string, stored: StoredSetting): string {
  return new D(checked(key, ["percent"], stored).value).toString();
}

/** A decimal (or money) setting as an exact decimal string ("0.10"). */
export function decimalValue(key: string, stored: StoredSetting): string {
  return checked(key, ["decimal", "money"], stored).value;
}

/** An integer setting (a count of days, megabytes, …) as a number: whole and small, so exact. */
export function integerValue(key: string, stored: StoredSetting): number {
  const value = checked(key, ["integer"], stored).value;
  const n = Number.parseInt(value, 10);
  if (!Number.isSafeInteger(n)) throw new Error(`setting ${key} holds ${value}, not a whole number this portal can count with`);
  return n;
}

/** A date list setting (YYYY-MM-DD, sorted, no duplicates). */
export function dateListValue(key: string, stored: StoredSetting): string[] {
  return checked(key, ["dateList"], stored).value.split(",").filter(Boolean);
}

/** A list setting (comma-separated names). */
export function stringListValue(key: string, stored: StoredSetting): string[] {
  return checked(key, ["stringList"], stored).value.split(",").map((s) => s.trim()).filter(Boolean);
}
