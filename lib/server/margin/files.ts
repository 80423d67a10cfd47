import "server-only";
import { readFile } from "node:fs/promises";
import type { Tx } from "@/lib/server/action";
import { UserError } from "@/lib/server/action";
import { storedFilePath } from "@/lib/server/files/storage";

/** The stored file the actor uploaded for `purpose` (a member's only within its firm): where it is on disk and its name. */
export async function uploadedFile(tx: Tx, fileId: string, purpose: string, actor: { userId: string; firmId: string | null }): Promise<{ path: string; name: string }> {
  const file = await tx.storedFile.findFirst({ where: { id: fileId, purpose, ...(actor.firmId ? { firmId: actor.firmId } : { ownerUserId: actor.userId }) } });
  if (!file) throw new UserError("That upload was not found; upload the file again. Nothing was loaded.", { fileId: ["Upload the file again"] });
  return { path: storedFilePath(file.storageKey), name: file.originalName };
}

/** The text of a file the actor uploaded for `purpose` (a member's only within its firm). */
export async function uploadedText(tx: Tx, fileId: string, purpose: string, actor: { userId: string; firmId: string | null }): Promise<{ text: string; name: string }> {
  const file = await uploadedFile(tx, fileId, purpose, actor);
  return { text: await readFile(file.path, "utf8"), name: file.name };
}
