import { afterAll, describe, expect, it } from "vitest";
import { updateSetting } from "@/lib/server/settings/actions";
import { executeAction } from "@/lib/server/action";
import { SETTING_DEFINITIONS } from "@/lib/settings/definitions";
import { testClient } from "../support/db";
import { actorFor, requestAs, ROLE_EMAILS } from "../support/actors";

describe("settings (SPEC intro: defaults, editable by clearing-house staff, every change versioned)", () => {
  const db = testClient();
  afterAll(() => db.$disconnect());

  it("every setting starts at its default (those no test has changed yet)", async () => {
    const rows = await db.setting.findMany({ include: { _count: { select: { versions: true } } } });
    expect(rows.map((r) => r.key).sort()).toEqual(SETTING_DEFINITIONS.map((d) => d.key).sort());
    for (const r of rows.filter((x) => x._count.versions === 0)) expect(r.value).toBe(SETTING_DEFINITIONS.find((d) => d.key === r.key)!.defaultValue);
  });

  it("a change records who, when, old, new and why, with an audit row", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const result = await executeAction(updateSetting.definition, requestAs(admin), { key: "capital.substantialReductionPercent", value: "25", reason: "Tighter surveillance for Q4" });
    expect(result).toEqual({ ok: true, data: { key: "capital.substantialReductionPercent", value: "25" } });
    const version = await db.settingVersion.findFirstOrThrow({ where: { key: "capital.substantialReductionPercent" }, orderBy: { id: "desc" } });
    expect(version).toMatchObject({ oldValue: "20", newValue: "25", reason: "Tighter surveillance for Q4", changedBy: admin.userId });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update", outcome: "ok" }, orderBy: { id: "desc" } });
    expect(audit.summary).toEqual({ before: "20", after: "25", reason: "Tighter surveillance for Q4" });
    expect(audit.actorId).toBe(admin.userId);
  });

  it("bad input names the setting and the rule, and changes nothing", async () => {
    const risk = await actorFor(db, ROLE_EMAILS.CH_RISK_STAFF);
    const cases = [
      { input: { key: "capital.earlyWarningPercent", value: "95", reason: "too low" }, field: "value", message: /Early-warning level .* must be at least 100/ },
      { input: { key: "capital.earlyWarningPercent", value: "abc", reason: "not a number" }, field: "value", message: /must be a number/ },
      { input: { key: "calendar.holidays", value: "2026-02-30", reason: "bad date" }, field: "value", message: /"2026-02-30" is not a date/ },
      { input: { key: "capital.earlyWarningPercent", value: "120", reason: "" }, field: "reason", message: /Say why/ },
      { input: { key: "no.such.setting", value: "1", reason: "unknown key" }, field: "key", message: /Unknown setting/ },
    ];
    const versionsBefore = await db.settingVersion.count();
    for (const c of cases) {
      const result = await executeAction(updateSetting.definition, requestAs(risk), c.input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fieldErrors?.[c.field]?.join(" ")).toMatch(c.message);
    }
    expect(await db.settingVersion.count()).toBe(versionsBefore);
    expect((await db.setting.findUniqueOrThrow({ where: { key: "capital.earlyWarningPercent" } })).value).toBe("110");
  });

  it("setting the same value again is refused and leaves no version behind", async () => {
    const admin = await actorFor(db, ROLE_EMAILS.CH_ADMIN);
    const before = await db.settingVersion.count();
    const result = await executeAction(updateSetting.definition, requestAs(admin), { key: "margin.initialBufferPercent", value: "10", reason: "no change really" });
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/same as the current one/) });
    expect(await db.settingVersion.count()).toBe(before);
  });
});
