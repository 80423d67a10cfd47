"use server";
/**
 * Stress paths the clearing house publishes (stress-path simulator): risk staff create one from
 * CSV (a draft), then publish it to members or withdraw it.
 */
import { defineAction, UserError } from "@/lib/server/action";
import { createStressPathSchema, setStressPathStatusSchema } from "@/lib/validation/stress-path";
import { stressPathFromCsv, StressPathCsvError } from "./csv";

export const createStressPath = defineAction({
  name: "stressPath.create",
  permission: "ch.risk",
  schema: createStressPathSchema,
  async run(input, { tx, actor }) {
    let parsed;
    try {
      parsed = stressPathFromCsv(input.csv);
    } catch (e) {
      if (e instanceof StressPathCsvError) throw new UserError(`${e.message}. Nothing was saved.`, { csv: [e.message] });
      throw e;
    }
    if (await tx.stressPath.findUnique({ where: { name: input.name } })) throw new UserError(`A path named "${input.name}" exists already; nothing was saved.`, { name: ["Already used"] });
    const path = await tx.stressPath.create({ data: { name: input.name, description: input.description, days: parsed.days, moves: parsed.moves as unknown as object[], createdBy: actor.userId } });
    return {
      data: { id: path.id, days: parsed.days, moves: parsed.moves.length },
      audit: { action: "stressPath.create", objectType: "stress-path", objectId: path.id, summary: { name: input.name, days: parsed.days, moves: parsed.moves.length } },
      revalidate: ["/ch/stress-paths", "/member/stress-path"],
    };
  },
});

export const setStressPathStatus = defineAction({
  name: "stressPath.setStatus",
  permission: "ch.risk",
  schema: setStressPathStatusSchema,
  async run(input, { tx }) {
    const path = await tx.stressPath.findUnique({ where: { id: input.pathId } });
    if (!path) throw new UserError("No such stress path; nothing was changed.", { pathId: ["Not a path"] });
    if (path.status === input.status) throw new UserError(`"${path.name}" is ${input.status.toLowerCase()} already; nothing was changed.`);
    await tx.stressPath.update({ where: { id: path.id }, data: { status: input.status, updatedAt: new Date() } });
    return {
      data: { id: path.id, status: input.status },
      audit: { action: "stressPath.setStatus", objectType: "stress-path", objectId: path.id, summary: { name: path.name, from: path.status, to: input.status } },
      revalidate: ["/ch/stress-paths", "/member/stress-path"],
    };
  },
});
