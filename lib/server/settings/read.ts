import "server-only";
/**
 * Settings read from the database by kind (lib/settings/values.ts): the accessor every reader
 * of a setting as a number, a fraction or a list goes through, inside the caller's
 * transaction or on the shared client.
 */
import type { Prisma } from "@/generated/prisma/client";
import { dateListValue, decimalValue, integerValue, percentFraction, percentValue, stringListValue } from "@/lib/settings/values";

/** Anything that can read the setting table (the client or a transaction). */
export type SettingReader = Pick<Prisma.TransactionClient, "setting">;

/** The stored text of a setting, null when it was never set (its default applies). */
export async function storedSetting(client: SettingReader, key: string): Promise<string | null> {
  return (await client.setting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null;
}

/** Typed readers of the settings through `client`. */
export function settingsOf(client: SettingReader) {
  return {
    /** A percent setting as an exact fraction ("14.3" → "0.143"). */
    percentFraction: async (key: string) => percentFraction(key, await storedSetting(client, key)),
    /** A percent setting as its exact percentage ("110"). */
    percent: async (key: string) => percentValue(key, await storedSetting(client, key)),
    /** A decimal or money setting as an exact decimal string. */
    decimal: async (key: string) => decimalValue(key, await storedSetting(client, key)),
    /** A whole-number setting (days, megabytes). */
    integer: async (key: string) => integerValue(key, await storedSetting(client, key)),
    dateList: async (key: string) => dateListValue(key, await storedSetting(client, key)),
    stringList: async (key: string) => stringListValue(key, await storedSetting(client, key)),
  };
}
