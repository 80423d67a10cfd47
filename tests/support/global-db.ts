/** Vitest global setup: one throw-away, migrated database with the demo data, for the integration tests. */
import type { TestProject } from "vitest/node";
import { createClient } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";
import { createThrowawayDatabase, type ThrowawayDatabase } from "@/lib/db/throwaway";

let database: ThrowawayDatabase | undefined;

export async function setup(project: TestProject): Promise<void> {
  database = await createThrowawayDatabase();
  // The demo data the portal starts with is the tests' data too.
  const client = createClient(database.url);
  await seedDemo(client, { databaseUrl: database.url });
  await client.$disconnect();
  project.provide("databaseUrl", database.url);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
