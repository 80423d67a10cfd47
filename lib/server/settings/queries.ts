import "server-only";
import { db } from "@/lib/db/client";
import { SETTING_DEFINITIONS, type SettingDefinition } from "@/lib/settings/definitions";

export interface SettingView {
  readonly definition: SettingDefinition;
  readonly value: string;
  readonly updatedAt: Date | null;
  readonly isDefault: boolean;
}

export async function listSettings(): Promise<SettingView[]> {
  const rows = await db().setting.findMany();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return SETTING_DEFINITIONS.map((definition) => {
    const row = byKey.get(definition.key);
    return { definition, value: row?.value ?? definition.defaultValue, updatedAt: row?.updatedAt ?? null, isDefault: (row?.value ?? definition.defaultValue) === definition.defaultValue };
  });
}

/** The current value of one setting (its default when never set). */
export async function settingValue(key: string): Promise<string> {
  const def = SETTING_DEFINITIONS.find((d) => d.key === key);
  if (!def) throw new Error(`unknown setting ${key}`);
  const row = await db().setting.findUnique({ where: { key } });
  return row?.value ?? def.defaultValue;
}

export async function settingHistory(limit = 100) {
  return db().settingVersion.findMany({ orderBy: { changedAt: "desc" }, take: limit });
}

/** The e-mail of each user who changed a setting in `history` (by user id). */
export async function changedByEmails(history: readonly { changedBy: string | null }[]): Promise<Map<string, string>> {
  const ids = history.map((h) => h.changedBy).filter((x): x is string => !!x);
  return new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
}
