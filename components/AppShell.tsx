import Link from "next/link";
import { areasFor } from "@/lib/auth/areas";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { FlashProvider } from "@/components/ui/Flash";

const AUDIENCE_TITLE = { "/application": "Membership application", "/member": "Clearing member", "/ch": "Clearing house" } as const;

/** The frame of every signed-in page: who you are, your firm, and the areas your role may open. */
export function AppShell({ actor, audience, children }: { actor: Actor; audience: keyof typeof AUDIENCE_TITLE; children: React.ReactNode }) {
  const areas = areasFor(audience).filter((a) => can(actor, a.permission));
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between px-6 py-3">
          <div>
            <Link href="/" className="font-semibold">Clearing Member Portal</Link>
            <span className="ml-3 text-sm text-slate-500">{AUDIENCE_TITLE[audience]}</span>
          </div>
          <div className="flex items-center gap-4 text-sm">
            <span data-testid="signed-in-as">
              {actor.name} · {ROLE_LABELS[actor.role]}
              {actor.firmName ? ` · ${actor.firmName}` : ""}
            </span>
            <Link href="/signin/second-factor" className="text-slate-600 underline">Two-step sign-in</Link>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Areas" className="mx-auto max-w-7xl px-6">
          <ul className="flex flex-wrap gap-1">
            {areas.map((a) => (
              <li key={a.path}>
                <Link href={a.path} className="inline-block rounded-t px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                  {a.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">
        <FlashProvider>{children}</FlashProvider>
      </main>
    </div>
  );
}
