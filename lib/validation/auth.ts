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

/**
 * The fresh second-factor code the most dangerous actions ask for again (step-up, ASVS 7.5.3):
 * the kill switch, declaring a default, running the waterfall, approving a membership. Part of
 * those actions' schemas, so the form checks it as the wrapper does (lib/server/action.ts
 * `stepUp`), which then checks it against the user's authenticator.
 */
export const STEP_UP_CODE_MESSAGE = "Enter the 6-digit code your authenticator app shows now: this action asks for your second factor again";
export const stepUpCodeSchema = z
  .string({ error: STEP_UP_CODE_MESSAGE })
  .transform((s) => s.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, STEP_UP_CODE_MESSAGE));
export const stepUpFields = { secondFactorCode: stepUpCodeSchema } as const;
