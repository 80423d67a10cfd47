/**
 * The layers are kept apart by ESLint (eslint.config.mjs), checked here with the project's own
 * configuration: a page does not query the database, the database layer does not import the
 * features or the demo data, the risk core stays pure.
 */
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  // Loading the configuration (Next.js and typescript-eslint plugins) takes a while on a busy machine.
  beforeAll(async () => {
    await eslint.lintText("export {};\n", { filePath: "lib/shared/warm-up.ts" });
  }, 300_000);

  it("an app/ page may not import lib/db: it reads through lib/server/<feature>/queries.ts", async () => {
    expect(await restricted("app/(member)/member/example/page.tsx", 'import { db } from "@/lib/db/client";\nexport default async function Page() { return <p>{await db().firm.count()}</p>; }\n')).toEqual([
      "'@/lib/db/client' import is restricted from being used by a pattern. app/ pages do not query the database: add a function to lib/server/<feature>/queries.ts.",
    ]);
    expect(await restricted("app/(member)/member/example/page.tsx", 'import { ownFirm } from "@/lib/server/firms/queries";\nexport default async function Page() { return <p>{(await ownFirm("x")).code}</p>; }\n')).toEqual([]);
  }, 60_000);

  it("lib/db may not import lib/server or lib/demo, by alias or relative path", async () => {
    expect(await restricted("lib/db/example.ts", 'import { settingsOf } from "@/lib/server/settings/read";\nexport const s = settingsOf;\n')).toHaveLength(1);
    expect(await restricted("lib/db/example.ts", 'import { seedDemo } from "../demo/seed";\nexport const s = seedDemo;\n')).toHaveLength(1);
    expect(await restricted("lib/db/example.ts", 'import { applyMigrations } from "./migrate";\nexport const m = applyMigrations;\n')).toEqual([]);
  }, 60_000);

  it("the risk core imports only decimal.js and its own files", async () => {
    expect(await restricted("lib/risk/example.ts", 'import { db } from "@/lib/db/client";\nexport const d = db;\n')).toHaveLength(1);
  }, 60_000);
});
