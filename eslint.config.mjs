import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "generated/**", ".data/**", "bench/results/**", "test-results/**", "playwright-report/**"]),
  {
    // The risk core is pure: decimal.js and its own files only (STYLE.md).
    files: ["lib/risk/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!decimal\\.js$|\\.{1,2}/).*", message: "lib/risk is pure: import only decimal.js and files inside lib/risk." },
          ],
        },
      ],
    },
  },
  {
    // Pages and layouts read data through lib/server/<feature>/queries.ts, never the database client (STYLE.md).
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^@/lib/db(/|$)", message: "app/ pages do not query the database: add a function to lib/server/<feature>/queries.ts." }] },
      ],
    },
  },
  {
    // The database layer sits below the features: it never imports them (the demo data, which does, is lib/demo).
    files: ["lib/db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(@/lib/(server|demo)(/|$)|(\\.\\./)+(server|demo)(/|$))", message: "lib/db may not import lib/server or lib/demo: the features build on the database layer, not the other way round." }] },
      ],
    },
  },
]);
