/** `npm run outbox:worker`: the outbox worker on its own (the web server also runs one unless PORTAL_OUTBOX_WORKER=0). */
import { createClient } from "@/lib/db/client";
import { openDatabase } from "@/lib/db/runtime";
import { startWorker } from "@/lib/notify/worker";

const database = await openDatabase();
const client = createClient(database.url);
const worker = startWorker(client);
process.stdout.write("[outbox] worker running\n");
const stop = async () => {
  await worker.stop();
  await client.$disconnect();
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
