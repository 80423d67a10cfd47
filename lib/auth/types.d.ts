import type { RoleName } from "./permissions";

declare module "next-auth" {
  interface Session {
    role?: RoleName;
    firmId?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    sv?: number;
    role?: RoleName;
    firmId?: string | null;
  }
}
