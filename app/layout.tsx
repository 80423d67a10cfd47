import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { ZodJitless } from "@/components/ZodJitless";

export const metadata: Metadata = {
  title: { default: "Clearing Member Portal", template: "%s · Clearing Member Portal" },
  description: "Membership, financial filings, performance bond, credit controls, guaranty fund and default management.",
};

/**
 * Every page renders per request: its scripts carry the request's CSP nonce (proxy.ts), which a
 * page rendered ahead of time could not.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
