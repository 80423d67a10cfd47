/**
 * Demo Base Product Categories (Rule 914): the demo's products grouped as the clearing house
 * would auction them. Idempotent.
 */
import type { PrismaClient } from "@/generated/prisma/client";

const CATEGORIES = [
  { code: "FX", name: "Foreign exchange futures and options", description: "Euro FX and British pound futures and options on futures.", productCodes: ["CME:BP", "CME:EC"] },
  { code: "AG-SWAPS", name: "Agricultural swaps", description: "Palm olein swaps.", productCodes: ["CME:OPS"] },
] as const;

export async function seedDemoDefaultManagement(db: PrismaClient): Promise<number> {
  if ((await db.productCategory.count()) > 0 || (await db.marginProduct.count()) === 0) return 0;
  const staff = await db.user.findFirst({ where: { role: "CH_RISK_STAFF" } });
  if (!staff) return 0;
  for (const c of CATEGORIES) await db.productCategory.create({ data: { ...c, productCodes: [...c.productCodes], createdBy: staff.id } });
  return CATEGORIES.length;
}
