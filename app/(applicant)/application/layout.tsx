import { AppShell } from "@/components/AppShell";
import { requirePage } from "@/lib/auth/authorize";

export const dynamic = "force-dynamic";

export default async function ApplicantLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage("application.own", "/application");
  return <AppShell actor={actor} audience="/application">{children}</AppShell>;
}
