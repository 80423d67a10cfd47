import "server-only";
/**
 * Base Product Categories (Rule 914): the products whose defaulted positions are auctioned together.
 */
import { type Tx, UserError } from "@/lib/server/action";

export async function saveCategory(tx: Tx, input: { id?: string; code: string; name: string; description: string; productCodes: readonly string[] }, userId: string) {
  const known = new Set((await tx.marginProduct.findMany({ select: { code: true } })).map((p) => p.code));
  const unknown = input.productCodes.filter((c) => !known.has(c));
  if (unknown.length) throw new UserError(`Unknown product${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: a category holds products set up in the portal ("EXCH:CODE"). Nothing was saved.`, { productCodes: [`Unknown: ${unknown.join(", ")}`] });
  const taken = await tx.productCategory.findFirst({ where: { code: input.code, ...(input.id ? { id: { not: input.id } } : {}) } });
  if (taken) throw new UserError(`A category ${input.code} already exists. Nothing was saved.`, { code: ["Already used"] });
  const data = { code: input.code, name: input.name, description: input.description, productCodes: [...new Set(input.productCodes)].sort() };
  if (input.id) {
    const before = await tx.productCategory.findUnique({ where: { id: input.id } });
    if (!before) throw new UserError("No such category; nothing was saved.");
    const after = await tx.productCategory.update({ where: { id: input.id }, data: { ...data, updatedAt: new Date() } });
    return { category: after, before };
  }
  return { category: await tx.productCategory.create({ data: { ...data, createdBy: userId } }), before: null };
}
