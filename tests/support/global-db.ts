/** Vitest global setup: one throw-away, migrated database with the demo data, for the integration tests. */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { createClient } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createThrowawayDatabase, type ThrowawayDatabase } from "@/lib/db/throwaway";

let database: ThrowawayDatabase | undefined;

export async function setup(project: TestProject): Promise<void> {
  database = await createThrowawayDatabase();
  // The key that encrypts second-factor secrets, as the portal gets it from its environment.
  process.env.TOTP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  // The demo data the portal starts with is the tests' data too.
  const client = createClient(database.url);
  await seedDemo(client, { databaseUrl: database.url });
  await client.$disconnect();
  project.provide("databaseUrl", database.url);
  project.provide("totpEncryptionKey", process.env.TOTP_ENCRYPTION_KEY);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    totpEncryptionKey: string;
  }
}
