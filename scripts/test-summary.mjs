// The closing line of `npm test`: counts from vitest's and Playwright's JSON reports.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile, failedStepCount, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [vitestFile, playwrightFile].filter((f) => !existsSync(f));
for (const f of missing) console.log(`missing test report: ${f} (its step did not run to the end)`);
failed += missing.length;
if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightFile)) {
  const s = JSON.parse(readFileSync(playwrightFile, "utf8")).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}
// Steps without their own test counts (type check, lint, build, audit) count as one test each.
const stepFailures = Number(failedStepCount) || 0;
if (stepFailures) console.log(`failed steps: ${failedSteps}`);
console.log(`tests: ${passed} passed, ${failed + stepFailures} failed, ${skipped} skipped`);
// A failed test fails the run even if its step's exit code said otherwise.
if (failed + stepFailures > 0) process.exitCode = 1;
