import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPrismaSchema, type ExpectedSchema } from "../support/prisma-schema";
import { testDatabaseUrl } from "../support/db";

const ON_DELETE: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

describe("the migrated database matches prisma/schema.prisma", () => {
  let client: pg.Client;
  let expected: ExpectedSchema;

  beforeAll(async () => {
    expected = readPrismaSchema(await readFile("prisma/schema.prisma", "utf8"));
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });
  afterAll(async () => client.end());

  it("has exactly the schema's tables (plus Prisma's _prisma_migrations)", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...expected.tables].sort());
  });

  it("has every column with the schema's type and nullability, and no other", async () => {
    const { rows } = await client.query<{
      table_name: string; column_name: string; udt_name: string; is_nullable: string;
      character_maximum_length: number | null; numeric_precision: number | null; numeric_scale: number | null; datetime_precision: number | null;
    }>(
      `SELECT table_name, column_name, udt_name, is_nullable, character_maximum_length, numeric_precision, numeric_scale, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = rows.map((r) => {
      let type = r.udt_name;
      if (type === "varchar" || type === "bpchar") type += `(${r.character_maximum_length})`;
      if (type === "numeric") type += `(${r.numeric_precision},${r.numeric_scale})`;
      if (type === "timestamp" || type === "timestamptz") type += `(${r.datetime_precision})`;
      return `${r.table_name}.${r.column_name}: ${type}${r.is_nullable === "YES" ? " null" : ""}`;
    });
    const wanted = expected.columns.map((c) => `${c.table}.${c.column}: ${c.type}${c.nullable ? " null" : ""}`);
    expect(actual.sort()).toEqual(wanted.sort());
  });

  it("has the schema's unique indexes (ids, @unique, @@unique) and plain indexes", async () => {
    const { rows } = await client.query<{ table: string; cols: string; uniq: boolean }>(
      `SELECT t.relname AS table, string_agg(a.attname, ',' ORDER BY k.ord) AS cols, i.indisunique AS uniq
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname <> '_prisma_migrations'
        GROUP BY t.relname, i.indexrelid, i.indisunique`,
    );
    expect(rows.filter((r) => r.uniq).map((r) => `${r.table}(${r.cols})`).sort()).toEqual([...expected.uniqueIndexes].sort());
    expect(rows.filter((r) => !r.uniq).map((r) => `${r.table}(${r.cols})`).sort()).toEqual([...expected.indexes].sort());
  });

  it("has the schema's foreign keys with their delete rules", async () => {
    const { rows } = await client.query<{ table: string; cols: string; ref: string; refcols: string; del: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref, c.confdeltype AS del,
              (SELECT string_agg(a.attname, ',' ORDER BY x.ord) FROM unnest(c.conkey) WITH ORDINALITY x(n, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = x.n) AS cols,
              (SELECT string_agg(a.attname, ',' ORDER BY x.ord) FROM unnest(c.confkey) WITH ORDINALITY x(n, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = x.n) AS refcols
         FROM pg_constraint c WHERE c.contype = 'f'`,
    );
    const unquote = (s: string) => s.replace(/"/g, "");
    const actual = rows.map((r) => `${unquote(r.table)}(${r.cols}) -> ${unquote(r.ref)}(${r.refcols}) on delete ${ON_DELETE[r.del]}`);
    const wanted = expected.foreignKeys.map((f) => `${f.table}(${f.columns.join(",")}) -> ${f.refTable}(${f.refColumns.join(",")}) on delete ${f.onDelete}`);
    expect(actual.sort()).toEqual(wanted.sort());
  });

  it("has the schema's enums with their values in order", async () => {
    const { rows } = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.labels]))).toEqual(expected.enums);
  });

  it("records every migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`);
    const { readMigrations } = await import("@/lib/db/migrate");
    const files = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.rolled_back_at])).toEqual(files.map((f) => [f.name, f.checksum, 1, null]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });
});
