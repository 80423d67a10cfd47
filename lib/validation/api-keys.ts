import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(3, "Name the key after the system that will use it (at least 3 characters)").max(80, "At most 80 characters"),
});
export const revokeApiKeySchema = z.object({ keyId: z.string().uuid("Unknown key") });
