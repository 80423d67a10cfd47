import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { storedFilePath } from "@/lib/server/files/storage";
import { lookupActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Download a stored document: only its firm (or its applicant) and the clearing house. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const lookup = await lookupActor();
  if (!lookup.actor) return NextResponse.json({ error: { code: "unauthenticated", message: "sign in first" } }, { status: 401 });
  const file = /^[0-9a-f-]{36}$/.test(id) ? await db().storedFile.findUnique({ where: { id } }) : null;
  // Same answer for "no such file" and "not yours": ids of other firms' files reveal nothing.
  const notFound = NextResponse.json({ error: { code: "not-found", message: "no such file" } }, { status: 404 });
  if (!file) return notFound;
  const actor = lookup.actor;
  if (!can(actor, "ch.read")) {
    const auth = file.firmId ? await requireApi("member.read", `file:${id}`, file.firmId) : actor.userId === file.ownerUserId ? await requireApi("application.own", `file:${id}`) : null;
    if (!auth?.ok) return notFound;
  }
  const stream = Readable.toWeb(createReadStream(storedFilePath(file.storageKey))) as ReadableStream;
  return new Response(stream, {
    headers: {
      "content-type": file.contentType,
      "content-length": file.sizeBytes.toString(),
      "content-disposition": `attachment; filename="${file.originalName.replace(/[^\w.\- ]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
}
