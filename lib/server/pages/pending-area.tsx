import "server-only";
import { notFound } from "next/navigation";
import { AreaNotOpen } from "@/components/AreaNotOpen";
import { AREAS } from "@/lib/auth/areas";
import { requirePage } from "@/lib/auth/authorize";

/** The page of an area that is listed but not yet built: guarded like every page, and honest. */
export function pendingAreaPage(path: string) {
  return async function PendingArea() {
    const area = AREAS.find((a) => a.path === path);
    if (!area) notFound();
    await requirePage(area.permission, path);
    return <AreaNotOpen area={area} />;
  };
}
