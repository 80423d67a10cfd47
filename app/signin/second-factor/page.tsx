import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/auth/SecondFactorForm";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { homePath } from "@/lib/auth/permissions";
import { secondFactorPage } from "@/lib/server/second-factor/queries";

export const metadata: Metadata = { title: "Second factor" };
export const dynamic = "force-dynamic";

export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/";
  const state = await secondFactorPage();
  if (state.kind === "signed-out") redirect("/signin");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">{state.kind === "verify" ? "Enter your authentication code" : state.kind === "enroll" ? "Set up your authenticator app" : "Two-step sign-in is on"}</h1>
      {state.kind === "verify" ? (
        <>
          <p className="mt-1 text-sm text-slate-600">Signed in as {state.email}. Open your authenticator app and enter the 6-digit code it shows for the Clearing Member Portal.</p>
          <SecondFactorForm callbackUrl={callbackUrl} submitLabel="Verify" />
        </>
      ) : state.kind === "enroll" ? (
        <>
          <p className="mt-1 text-sm text-slate-600">
            {state.required
              ? `Your role requires a second factor. Add this account (${state.email}) to an authenticator app (RFC 6238 TOTP), then enter the code it shows.`
              : `Optional for your role: add this account (${state.email}) to an authenticator app, then enter the code it shows. From then on every sign-in asks for a code.`}
          </p>
          <dl className="mt-4 space-y-2 rounded border border-slate-200 bg-slate-50 p-4 text-sm">
            <dt className="font-medium">Secret key</dt>
            <dd data-testid="totp-secret" className="break-all font-mono">{state.secret}</dd>
            <dt className="font-medium">Or open this link on the device with the app</dt>
            <dd className="break-all font-mono text-xs"><a href={state.uri} data-testid="totp-uri">{state.uri}</a></dd>
          </dl>
          <SecondFactorForm callbackUrl={callbackUrl} submitLabel="Confirm and continue" />
        </>
      ) : (
        <p className="mt-2 text-sm">
          Every sign-in of {state.email} asks for a code. <Link href={homePath(state.role)} className="text-blue-800 underline">Back to the portal</Link>
        </p>
      )}
      <div className="mt-6"><SignOutButton /></div>
    </main>
  );
}
