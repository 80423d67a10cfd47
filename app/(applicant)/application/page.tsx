import { pendingAreaPage } from "@/lib/server/pages/pending-area";

export default pendingAreaPage("/application");
