/**
 * next-auth configuration: a credentials provider (lib/auth/sign-in.ts) and a JWT that only
 * carries the server-side session id. Whether that session is still valid (revoked, idle or
 * absolute timeout, session version) is checked on every request by lib/auth/session.ts.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { clientInfo } from "@/lib/server/client";
import { checkSignIn } from "./sign-in";
import { revokeSession, SESSION_ABSOLUTE_MS } from "./session-policy";
import type { RoleName } from "./permissions";

/** The sign-in request's headers as lib/server/client.ts reads them (address, user agent). */
function headerBag(headers: Record<string, string | string[] | undefined> | undefined) {
  return { get: (name: string) => { const v = headers?.[name.toLowerCase()]; return (Array.isArray(v) ? v[0] : v) ?? null; } };
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000) },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password) throw new Error("Enter your email and password.");
        const headers = req?.headers as Record<string, string | string[] | undefined> | undefined;
        const requestId = headers?.["x-request-id"];
        const client = clientInfo(headerBag(headers));
        const outcome = await checkSignIn(db(), email, password, client.address, typeof requestId === "string" ? requestId : null, client.userAgent);
        if (!outcome.ok) throw new Error(outcome.message);
        return { ...outcome.user, sessionId: outcome.sessionId, sessionVersion: outcome.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: RoleName; firmId: string | null; sessionId: string; sessionVersion: number };
        token.sub = u.id;
        token.sid = u.sessionId;
        token.sv = u.sessionVersion;
        token.role = u.role;
        token.firmId = u.firmId;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, role: token.role, firmId: token.firmId };
    },
  },
  events: {
    async signOut({ token }) {
      const sid = (token as { sid?: string } | null)?.sid;
      if (sid) await revokeSession(db(), sid, "signed out");
    },
  },
};
