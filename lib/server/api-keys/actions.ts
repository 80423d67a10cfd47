"use server";
import { defineAction, UserError } from "@/lib/server/action";
import { forgetApiKeys, generateApiKey } from "@/lib/auth/api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-keys";

export const createApiKey = defineAction({
  name: "apiKeys.create",
  permission: "member.riskAdmin",
  schema: createApiKeySchema,
  async run(input, { tx, actor }) {
    const key = generateApiKey();
    const row = await tx.apiKey.create({ data: { firmId: actor.firmId!, name: input.name, prefix: key.prefix, secretHash: key.secretHash, createdBy: actor.userId } });
    return {
      // The key itself is shown once, here, and never stored.
      data: { id: row.id, token: key.token, name: row.name },
      audit: { firmId: actor.firmId, action: "apiKeys.create", objectType: "api-key", objectId: row.id, summary: { name: row.name, prefix: key.prefix } },
      revalidate: ["/member/api-keys"],
    };
  },
});

export const revokeApiKey = defineAction({
  name: "apiKeys.revoke",
  permission: "member.riskAdmin",
  schema: revokeApiKeySchema,
  async run(input, { tx, actor }) {
    // Firm from the session: another firm's key id matches nothing.
    const result = await tx.apiKey.updateMany({ where: { id: input.keyId, firmId: actor.firmId!, revokedAt: null }, data: { revokedAt: new Date(), revokedBy: actor.userId } });
    if (result.count === 0) throw new UserError("No such active key for your firm; nothing was changed.");
    forgetApiKeys();
    return {
      data: { id: input.keyId },
      audit: { firmId: actor.firmId, action: "apiKeys.revoke", objectType: "api-key", objectId: input.keyId, summary: {} },
      revalidate: ["/member/api-keys"],
    };
  },
});
