/** Uploads a file to /api/files for a purpose; answers the stored file's id or the refusal (also when no answer came). */
export async function uploadFile(file: File, purpose: string): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`/api/files?purpose=${encodeURIComponent(purpose)}`, { method: "POST", headers: { "x-file-name": encodeURIComponent(file.name) }, body: file });
  } catch {
    return { ok: false, message: `No answer from the clearing house: "${file.name}" was not uploaded. Try again.` };
  }
  const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
  if (!res.ok || !body.id) return { ok: false, message: body.error?.message ?? `The upload failed (${res.status}).` };
  return { ok: true, id: body.id };
}
