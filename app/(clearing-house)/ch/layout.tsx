import { AppShell } from "@/components/AppShell";
import { requirePage } from "@/lib/auth/authorize";

export const dynamic = "force-dynamic";

export default async function ClearingHouseLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage("ch.read", "/ch");
  return <AppShell actor={actor} audience="/ch">{children}</AppShell>;
}
