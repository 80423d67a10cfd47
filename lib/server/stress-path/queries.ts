import "server-only";
import { db } from "@/lib/db/client";
import type { StoredMove } from "./csv";

/** The published paths members may pick, by name. */
export async function publishedStressPaths() {
  const rows = await db().stressPath.findMany({ where: { status: "PUBLISHED" }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, days: r.days, products: [...new Set((r.moves as unknown as StoredMove[]).map((m) => m.product))].sort() }));
}

/** The member's page: its accounts (the firm from the session) and the published paths. */
export async function stressPathStart(firmId: string) {
  const [accounts, paths] = await Promise.all([
    db().marginAccount.findMany({ where: { firmId }, orderBy: { accountNumber: "asc" }, select: { id: true, accountNumber: true, origin: true, _count: { select: { positions: true } } } }),
    publishedStressPaths(),
  ]);
  return { accounts: accounts.map((a) => ({ id: a.id, accountNumber: a.accountNumber, origin: a.origin, positions: a._count.positions })), paths };
}

/** The staff page: every path, newest first, with its moves. */
export async function allStressPaths() {
  const rows = await db().stressPath.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, days: r.days, status: r.status, moves: r.moves as unknown as StoredMove[], createdAt: r.createdAt.toISOString() }));
}
