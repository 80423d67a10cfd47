// Prisma CLI configuration (Prisma 7: the connection URL lives here, not in schema.prisma).
// At run time the portal connects through @prisma/adapter-pg (lib/db/client.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/portal" },
});
