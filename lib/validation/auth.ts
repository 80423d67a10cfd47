import { z } from "zod";

/** The sign-in form's schema (the server checks the same fields in lib/auth/sign-in.ts). */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;
