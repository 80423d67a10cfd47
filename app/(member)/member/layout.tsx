import { AppShell } from "@/components/AppShell";
import { requirePage } from "@/lib/auth/authorize";

export const dynamic = "force-dynamic";

export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage("member.read", "/member");
  return <AppShell actor={actor} audience="/member">{children}</AppShell>;
}
