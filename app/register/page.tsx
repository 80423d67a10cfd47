import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/auth/RegisterForm";

export const metadata: Metadata = { title: "Register to apply for membership" };

/** Public: a firm's contact registers, then fills the membership application. */
export default function RegisterPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Apply for clearing membership</h1>
      <p className="mt-1 text-sm text-slate-600">Register to start your firm&apos;s application. You can save it as a draft and come back at any time.</p>
      <RegisterForm />
      <p className="mt-4 text-sm text-slate-600">Already registered? <Link href="/signin" className="underline">Sign in</Link>.</p>
    </main>
  );
}
