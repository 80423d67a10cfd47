/** `npm run db:migrate`: applies pending migrations (the same runner `npm start` uses). */
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/runtime";

const database = await openDatabase();
try {
  const result = await applyMigrations(database.url);
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
} finally {
  await database.stop();
}
