/** Vitest global setup: one throw-away, migrated database for the integration tests. */
import type { TestProject } from "vitest/node";
import { createThrowawayDatabase, type ThrowawayDatabase } from "@/lib/db/throwaway";

let database: ThrowawayDatabase | undefined;

export async function setup(project: TestProject): Promise<void> {
  database = await createThrowawayDatabase();
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
