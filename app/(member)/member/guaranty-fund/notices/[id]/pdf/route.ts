import { noticeDownload } from "@/lib/server/guaranty-fund/documents";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return noticeDownload((await params).id);
}
