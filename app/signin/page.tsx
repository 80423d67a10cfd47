import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Clearing Member Portal</h1>
      <p className="mt-1 text-sm text-slate-600">Sign in with the account the clearing house or your firm gave you.</p>
      {params.expired ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          Your session has ended (signed out, timed out, or revoked). Sign in again.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} initialError={params.error && params.error !== "CredentialsSignin" ? params.error : undefined} />
      <p className="mt-4 text-sm text-slate-600">
        Applying for membership? <Link href="/register" className="underline">Register</Link> to start your application.
      </p>
    </main>
  );
}
