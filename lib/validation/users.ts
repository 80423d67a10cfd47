import { z } from "zod";

export const revokeSessionsSchema = z.object({
  userId: z.string().uuid("Unknown user"),
  reason: z.string().trim().min(5, "Say why (at least 5 characters)").max(300),
});
