/**
 * The Prisma client singleton, connected through node-postgres (@prisma/adapter-pg) to
 * DATABASE_URL. One per process; in development the instance survives hot reloads.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

function create(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: Number.parseInt(process.env.DATABASE_POOL_SIZE ?? "10", 10) });
  // Under load a transaction may wait for a pooled connection longer than Prisma's 2 s default.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 60_000 } });
}

const globalForPrisma = globalThis as unknown as { __portalPrisma?: PrismaClient };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm start` (embedded database) or set DATABASE_URL");
  return url;
}

/** The process-wide client, created on first use. */
export function db(): PrismaClient {
  if (!globalForPrisma.__portalPrisma) globalForPrisma.__portalPrisma = create(databaseUrl());
  return globalForPrisma.__portalPrisma;
}

/** A separate client for a given URL (scripts and tests); the caller disconnects it. */
export function createClient(url: string): PrismaClient {
  return create(url);
}
