import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { homePath } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

/** The landing page fits the role: each role has its own home. */
export default async function Root() {
  const actor = await getActor();
  redirect(actor ? homePath(actor.role) : "/signin");
}
