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
]);
