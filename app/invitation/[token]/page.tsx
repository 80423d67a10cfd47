import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/auth/SetPasswordForm";

export const metadata: Metadata = { title: "Set your password" };

/** Public: the one-time link sent to a user the clearing house created (the authorized representative). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Set your password</h1>
      <p className="mt-1 text-sm text-slate-600">This link works once. Choose the password you will sign in with.</p>
      <SetPasswordForm token={token} />
    </main>
  );
}
