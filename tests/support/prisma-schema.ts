/**
 * A reader for this project's schema.prisma, independent of Prisma's engines (which cannot be
 * fetched here), giving what the migrated database must contain: tables, columns with their
 * Postgres types and nullability, unique and plain indexes, foreign keys, enums.
 */
export interface ExpectedColumn {
  readonly table: string;
  readonly column: string;
  /** pg udt_name with length/precision, e.g. "varchar(16)", "timestamptz(6)", "numeric(24,2)", "_text" */
  readonly type: string;
  readonly nullable: boolean;
}
export interface ExpectedForeignKey {
  readonly table: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: string;
}
export interface ExpectedSchema {
  readonly tables: string[];
  readonly columns: ExpectedColumn[];
  readonly uniqueIndexes: string[]; // "table(col1,col2)"
  readonly indexes: string[];
  readonly foreignKeys: ExpectedForeignKey[];
  readonly enums: Record<string, string[]>;
}

const SCALARS: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  Float: "float8",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};

function nativeType(attr: string): string | null {
  const m = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attr);
  if (!m) return null;
  const [, name, args] = m;
  const a = (args ?? "").replace(/\s/g, "");
  switch (name) {
    case "Uuid": return "uuid";
    case "Text": return "text";
    case "VarChar": return `varchar(${a})`;
    case "Char": return `bpchar(${a})`;
    case "Timestamptz": return `timestamptz(${a || "6"})`;
    case "Timestamp": return `timestamp(${a || "6"})`;
    case "Date": return "date";
    case "Decimal": return `numeric(${a})`;
    case "Integer": return "int4";
    case "BigInt": return "int8";
    case "SmallInt": return "int2";
    default: throw new Error(`schema reader: unsupported native type @db.${name}`);
  }
}

function mapName(attrs: string): string | null {
  return /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? null;
}

function list(s: string): string[] {
  return s.split(",").map((x) => x.trim()).filter(Boolean);
}

export function readPrismaSchema(text: string): ExpectedSchema {
  const clean = text.replace(/\/\/.*$/gm, "");
  const enums: Record<string, string[]> = {};
  for (const m of clean.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums[m[1]!] = m[2]!.split(/\s+/).filter((t) => t && !t.startsWith("@"));
  }
  // A block ends at a line holding only "}" (a default such as @default("{}") has braces too).
  const modelBlocks = [...clean.matchAll(/^model\s+(\w+)\s*\{\n([\s\S]*?)^\}/gm)].map((m) => ({ name: m[1]!, body: m[2]! }));
  const modelNames = new Set(modelBlocks.map((m) => m.name));
  const tableOf = new Map<string, string>();
  const fieldColumn = new Map<string, Map<string, string>>();
  for (const m of modelBlocks) {
    tableOf.set(m.name, /@@map\("([^"]+)"\)/.exec(m.body)?.[1] ?? m.name);
    const cols = new Map<string, string>();
    for (const line of m.body.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("@@"))) {
      const [field, type = "", ...rest] = line.split(/\s+/);
      const base = type.replace(/[?[\]]/g, "");
      if (modelNames.has(base)) continue;
      cols.set(field!, mapName(rest.join(" ")) ?? field!);
    }
    fieldColumn.set(m.name, cols);
  }
  const schema: ExpectedSchema = { tables: [], columns: [], uniqueIndexes: [], indexes: [], foreignKeys: [], enums };
  for (const m of modelBlocks) {
    const table = tableOf.get(m.name)!;
    const cols = fieldColumn.get(m.name)!;
    const col = (f: string) => {
      const c = cols.get(f);
      if (!c) throw new Error(`schema reader: ${m.name}.${f} is not a column`);
      return c;
    };
    schema.tables.push(table);
    for (const line of m.body.split("\n").map((l) => l.trim()).filter(Boolean)) {
      if (line.startsWith("@@")) {
        const idx = /@@(index|unique|id)\(\[([^\]]*)\]/.exec(line);
        if (idx) {
          const key = `${table}(${list(idx[2]!).map(col).join(",")})`;
          (idx[1] === "index" ? schema.indexes : schema.uniqueIndexes).push(key);
        }
        continue;
      }
      const [field, type = "", ...rest] = line.split(/\s+/);
      const attrs = rest.join(" ");
      const base = type.replace(/[?[\]]/g, "");
      if (modelNames.has(base)) {
        const rel = /@relation\(([^)]*)\)/.exec(attrs)?.[1];
        const fields = rel && /fields:\s*\[([^\]]*)\]/.exec(rel)?.[1];
        if (rel && fields) {
          const refs = /references:\s*\[([^\]]*)\]/.exec(rel)![1]!;
          const onDelete = /onDelete:\s*(\w+)/.exec(rel)?.[1] ?? (type.endsWith("?") ? "SetNull" : "Restrict");
          schema.foreignKeys.push({
            table,
            columns: list(fields).map(col),
            refTable: tableOf.get(base)!,
            refColumns: list(refs).map((r) => fieldColumn.get(base)!.get(r)!),
            onDelete,
          });
        }
        continue;
      }
      const isList = type.endsWith("[]");
      let pgType = nativeType(attrs) ?? SCALARS[base] ?? (enums[base] ? base : null);
      if (!pgType) throw new Error(`schema reader: unknown type ${type} of ${m.name}.${field}`);
      if (isList) pgType = `_${pgType.replace(/\(.*\)$/, "")}`;
      const column = col(field!);
      schema.columns.push({ table, column, type: pgType, nullable: type.endsWith("?") || isList });
      if (/@id\b/.test(attrs) || /@unique\b/.test(attrs)) schema.uniqueIndexes.push(`${table}(${column})`);
    }
  }
  return schema;
}
