/**
 * Every action the audit trail records has a label people read (recent activity, audit trail):
 * the names of the server actions (defineAction) and the events written directly, found in the
 * code, are all in the one map (lib/shared/labels.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel, enumLabel, FIRM_STATUS_LABELS, MOVEMENT_KIND_LABELS } from "@/lib/shared/labels";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("labels for the audit trail and statuses", () => {
  it("every audited action name in lib/ and app/ has a label", () => {
    const names = new Set<string>();
    for (const file of [...sources("lib"), ...sources("app")]) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/defineAction\(\{\s*name: "([^"]+)"/g)) names.add(m[1]!);
      for (const m of text.matchAll(/\baction: "([a-zA-Z]+\.[a-zA-Z.-]+)"/g)) names.add(m[1]!);
    }
    expect(names.size).toBeGreaterThan(40);
    const missing = [...names].filter((n) => !(n in AUDIT_ACTION_LABELS));
    expect(missing).toEqual([]);
  });

  it("recent activity reads in words, never the raw name", () => {
    expect(auditActionLabel("auth.second-factor-enrolled")).toBe("Two-step sign-in turned on");
    expect(auditActionLabel("gf.recordDeposit")).toBe("Guaranty fund deposit or withdrawal recorded");
    expect(auditActionLabel("margin.feed.newThing")).toBe("Margin feed new thing");
    expect(enumLabel(MOVEMENT_KIND_LABELS, "LOSS_APPLIED")).toBe("Applied to a default's loss (Rule 802.B)");
    expect(enumLabel(FIRM_STATUS_LABELS, "IN_DEFAULT")).toBe("In default");
    expect(enumLabel({}, "PARTIALLY_FILLED")).toBe("Partially filled");
  });
});
