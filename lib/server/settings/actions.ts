"use server";
import { defineAction, UserError } from "@/lib/server/action";
import { updateSettingSchema } from "@/lib/settings/schema";
import { changeSetting } from "./service";

export const updateSetting = defineAction({
  name: "settings.update",
  permission: "settings.edit",
  schema: updateSettingSchema,
  async run(input, { tx, actor }) {
    const change = await changeSetting(tx, input.key, input.value, input.reason, actor.userId);
    if (change.old === change.value) throw new UserError("The new value is the same as the current one; nothing was changed.", { value: ["Same as the current value"] });
    return {
      data: { key: input.key, value: change.value },
      audit: { firmId: null, action: "settings.update", objectType: "setting", objectId: input.key, summary: { before: change.old, after: change.value, reason: input.reason } },
      revalidate: ["/ch/settings"],
    };
  },
});
