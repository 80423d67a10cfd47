/** The settings form's schema, shared by the form (client) and the server action. */
import { z } from "zod";
import { parseSettingValue, SETTINGS_BY_KEY } from "./definitions";

export const updateSettingSchema = z
  .object({
    key: z.string().min(1),
    value: z.string(),
    reason: z.string().trim().min(5, "Say why the setting changes (at least 5 characters)").max(500),
  })
  .transform((input, ctx) => {
    const def = SETTINGS_BY_KEY.get(input.key);
    if (!def) {
      ctx.addIssue({ code: "custom", path: ["key"], message: `Unknown setting "${input.key}"` });
      return z.NEVER;
    }
    const parsed = parseSettingValue(def, input.value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", path: ["value"], message: parsed.error });
      return z.NEVER;
    }
    return { key: input.key, value: parsed.value, reason: input.reason };
  });

export type UpdateSettingInput = z.input<typeof updateSettingSchema>;
