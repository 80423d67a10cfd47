"use server";
import { FIRM_HEDGE_FUND_ROLE } from "@/lib/filings/capital";
import { anyOtc } from "@/lib/risk/membership";
import { defineAction, UserError, zodFieldErrors } from "@/lib/server/action";
import { scopeStepSchema } from "@/lib/validation/application";
import { firmFactsOf, firmFactsSchema } from "@/lib/validation/firms";

/**
 * The clearing house changes an approved member's registrations, product scope or hedge fund
 * status (what its minimum capital and its reports depend on), with a reason; the member's
 * next filing is assessed on the new facts. The scope obeys the application's rules for the
 * member's exchanges (002: CDS/IRS need CME unless OTC only; Rule 992: NYMEX floor guarantees
 * need NYMEX). Filings already made keep the figures they were assessed with.
 */
export const updateFirmFacts = defineAction({
  name: "firms.updateFacts",
  permission: "ch.admin",
  schema: firmFactsSchema,
  async run(input, { tx }) {
    const firm = await tx.firm.findUnique({ where: { code: input.firmCode } });
    if (!firm) throw new UserError(`No clearing member has the code ${input.firmCode}; nothing was changed.`, { firmCode: ["Unknown member code"] });
    const { reason } = input;
    const after = { isBank: input.isBank, fcmRegistered: input.fcmRegistered, brokerDealer: input.brokerDealer, hedgeFundRole: input.hedgeFundRole, agriculturalOtc: input.agriculturalOtc, otherBaseOtc: input.otherBaseOtc, irs: input.irs, cds: input.cds, guaranteesNymexFloorMembers: input.guaranteesNymexFloorMembers };
    const scope = scopeStepSchema.safeParse({ exchanges: firm.exchanges, futuresOptions: firm.exchanges.length > 0, agriculturalOtc: after.agriculturalOtc, otherBaseOtc: after.otherBaseOtc, irs: after.irs, cds: after.cds, guaranteesNymexFloorMembers: after.guaranteesNymexFloorMembers });
    if (!scope.success) {
      const fieldErrors = zodFieldErrors(scope.error);
      throw new UserError(`Not changed: ${Object.values(fieldErrors).flat().join(" ")} (${firm.code} is a clearing member of ${firm.exchanges.length ? firm.exchanges.join(", ") : "no exchange: OTC only"}).`, fieldErrors);
    }
    const before = firmFactsOf(firm);
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) throw new UserError(`Nothing to change: ${firm.code}'s facts are already as given.`);
    await tx.firm.update({
      where: { id: firm.id },
      data: {
        isBank: after.isBank,
        isFcm: after.fcmRegistered,
        isBrokerDealer: after.brokerDealer,
        hedgeFundRole: FIRM_HEDGE_FUND_ROLE[after.hedgeFundRole],
        clearsOtc: anyOtc({ futuresOptions: false, ...after }),
        clearsAgriculturalOtc: after.agriculturalOtc,
        clearsOtherBaseOtc: after.otherBaseOtc,
        clearsIrs: after.irs,
        clearsCds: after.cds,
        guaranteesNymexFloorMembers: after.guaranteesNymexFloorMembers,
      },
    });
    const pick = (o: Readonly<Record<string, string | boolean>>): Record<string, string | boolean> => Object.fromEntries(changed.map((k) => [k, o[k]!]));
    return {
      data: { firmCode: firm.code, changed },
      audit: { firmId: firm.id, action: "firms.updateFacts", objectType: "firm", objectId: firm.id, summary: { before: pick(before), after: pick(after), reason } },
      revalidate: ["/ch/members", `/ch/members/${firm.code}`, "/member"],
    };
  },
});
