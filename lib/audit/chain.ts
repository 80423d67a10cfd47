/**
 * Verifying the audit trail's hash chain, independently of the database trigger that writes
 * it: each row's hash is SHA-256 over the previous row's hash and the row's fields, joined by
 * newlines in this order (the trigger in the foundation migration builds the same text):
 * prev_hash, id, at (UTC, microseconds, "YYYY-MM-DDTHH:MM:SS.ffffffZ"), actor_id, actor_email,
 * actor_role, firm_id, action, object_type, object_id, outcome, summary (jsonb text), request_id;
 * a missing value is the empty string. The first row's prev_hash is 64 zeros.
 */
import { createHash } from "node:crypto";
import pg from "pg";

export interface ChainReport {
  readonly rows: number;
  readonly ok: boolean;
  readonly firstBadId?: string;
  readonly problem?: string;
}

interface Row {
  id: string;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  firm_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  summary: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export function rowHash(r: Omit<Row, "hash">): string {
  const text = [
    r.prev_hash,
    r.id,
    r.at,
    r.actor_id ?? "",
    r.actor_email ?? "",
    r.actor_role ?? "",
    r.firm_id ?? "",
    r.action,
    r.object_type ?? "",
    r.object_id ?? "",
    r.outcome,
    r.summary,
    r.request_id ?? "",
  ].join("\n");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Verifies the whole chain, on a new connection to `database` or on a given client (e.g. inside a transaction). */
export async function verifyAuditChain(database: string | pg.ClientBase, batchSize = 5000): Promise<ChainReport> {
  const own = typeof database === "string";
  const client = own ? new pg.Client({ connectionString: database }) : database;
  if (own) await (client as pg.Client).connect();
  try {
    let prev = "0".repeat(64);
    let lastId = "0";
    let count = 0;
    for (;;) {
      const { rows } = await client.query<Row>(
        `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id::text, actor_email, actor_role,
                firm_id::text, action, object_type, object_id, outcome, summary::text AS summary, request_id, prev_hash, hash
           FROM audit_event WHERE audit_event.id > $1::bigint ORDER BY audit_event.id LIMIT $2`,
        [lastId, batchSize],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        count++;
        if (r.prev_hash !== prev) return { rows: count, ok: false, firstBadId: r.id, problem: "prev_hash does not match the previous row's hash (a row was removed or reordered)" };
        if (rowHash(r) !== r.hash) return { rows: count, ok: false, firstBadId: r.id, problem: "hash does not match the row's contents (the row was altered)" };
        prev = r.hash;
        lastId = r.id;
      }
    }
    return { rows: count, ok: true };
  } finally {
    if (own) await (client as pg.Client).end();
  }
}
