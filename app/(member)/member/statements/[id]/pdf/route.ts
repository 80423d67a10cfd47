import { statementDownload } from "@/lib/server/margin/download";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return statementDownload((await params).id, "pdf");
}
