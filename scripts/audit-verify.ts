/** `npm run audit:verify`: checks the audit trail's hash chain end to end. Exit 1 if broken. */
import { verifyAuditChain } from "@/lib/audit/chain";
import { openDatabase } from "@/lib/db/runtime";

const database = await openDatabase();
try {
  const report = await verifyAuditChain(database.url);
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await database.stop();
}
