import type { Tx } from "@/lib/server/action";
import { SETTING_DEFINITIONS } from "@/lib/settings/definitions";

/** Writes every setting that has no row yet with its default (first start, new settings). */
export async function ensureSettingDefaults(tx: Pick<Tx, "setting">): Promise<number> {
  const result = await tx.setting.createMany({
    data: SETTING_DEFINITIONS.map((d) => ({ key: d.key, value: d.defaultValue })),
    skipDuplicates: true,
  });
  return result.count;
}

/** Changes a setting and records the version (who, when, old, new, why). */
export async function changeSetting(tx: Tx, key: string, value: string, reason: string, userId: string) {
  const current = await tx.setting.findUnique({ where: { key } });
  const old = current?.value ?? SETTING_DEFINITIONS.find((d) => d.key === key)?.defaultValue ?? null;
  await tx.setting.upsert({
    where: { key },
    create: { key, value, updatedBy: userId },
    update: { value, updatedBy: userId, updatedAt: new Date() },
  });
  await tx.settingVersion.create({ data: { key, oldValue: old, newValue: value, reason, changedBy: userId } });
  return { old, value };
}
