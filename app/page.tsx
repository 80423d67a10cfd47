import { redirect } from "next/navigation";
import { lookupActor } from "@/lib/auth/session";
import { homePath } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

/** The landing page fits the role: each role has its own home (after the second factor, where one is owed). */
export default async function Root() {
  const lookup = await lookupActor();
  if (lookup.actor) redirect(homePath(lookup.actor.role));
  redirect(lookup.secondFactor ? "/signin/second-factor" : "/signin");
}
