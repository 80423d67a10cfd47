/** The integration tests' database (see global-db.ts) and a Prisma client on it. */
import { inject } from "vitest";
import { createClient } from "@/lib/db/client";

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

export function testClient() {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.TOTP_ENCRYPTION_KEY = inject("totpEncryptionKey");
  return createClient(testDatabaseUrl());
}
