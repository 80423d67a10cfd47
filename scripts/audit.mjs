// `npm run audit`: the dependency audit. Runs `npm audit --omit=dev --audit-level=high`; where
// the registry does not serve the audit endpoint (on these machines it answers HTTP 405), says
// so plainly (the audit was NOT run) and still checks the patched-release floors we know of.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

// Releases with the fixes for known advisories (DEVELOPERS.md): nothing older may be installed.
const FLOORS = { next: "16.2.11", "next-auth": "4.24.15" };

function cmp(a, b) {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

let failed = false;
for (const [pkg, floor] of Object.entries(FLOORS)) {
  const version = JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")).version;
  const ok = cmp(version, floor) >= 0;
  console.log(`floor: ${pkg} ${version} ${ok ? ">=" : "<"} ${floor} ${ok ? "ok" : "TOO OLD"}`);
  if (!ok) failed = true;
}

const audit = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = null;
}
if (report?.metadata?.vulnerabilities) {
  const v = report.metadata.vulnerabilities;
  console.log(`npm audit: ${v.critical} critical, ${v.high} high, ${v.moderate} moderate, ${v.low} low`);
  if (v.critical + v.high > 0) failed = true;
} else {
  const why = `${report?.error?.summary ?? ""} ${audit.stderr}`.replace(/npm warn[^\n]*\n/g, "").trim();
  if (/405|audit endpoint|ENOAUDIT/i.test(why)) {
    console.log("npm audit: NOT RUN: the registry reachable here does not serve the audit endpoint (HTTP 405); only the floors above were checked");
  } else {
    console.log(`npm audit failed: ${why}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
