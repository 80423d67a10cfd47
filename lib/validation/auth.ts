import { z } from "zod";

/** The sign-in form's schema (the server checks the same fields in lib/auth/sign-in.ts). */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** A second-factor code as an authenticator app shows it (spaces allowed). */
export const secondFactorCodeSchema = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app")),
});
export type SecondFactorCodeInput = z.input<typeof secondFactorCodeSchema>;
