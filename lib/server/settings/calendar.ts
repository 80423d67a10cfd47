import "server-only";
/**
 * The business-day calendar (SPEC §6: due dates count business days) from the holidays
 * setting, read inside the caller's transaction or on the shared client.
 */
import { createBusinessCalendar, type BusinessCalendar } from "@/lib/risk";
import { settingsOf, type SettingReader } from "./read";

export async function businessCalendar(client: SettingReader): Promise<BusinessCalendar> {
  return createBusinessCalendar({ holidays: await settingsOf(client).dateList("calendar.holidays") });
}
