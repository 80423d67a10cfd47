import { z } from "zod";
import { HEDGE_FUND_ROLE, type FirmCapitalFacts } from "@/lib/filings/capital";

/**
 * A clearing member's capital facts as the clearing house changes them after approval: its
 * registrations and product scope, which set its minimum capital (002 Summary of Requirements,
 * "Hedge Funds", NYMEX Rule 992) and the reports it files. Its exchanges are not changed here.
 * Field names are the application's (firm and scope steps), so the labels and rules are theirs.
 */
export const firmFactsSchema = z.object({
  firmCode: z.string().trim().min(1, "Choose a clearing member").max(16),
  isBank: z.boolean(),
  fcmRegistered: z.boolean(),
  brokerDealer: z.boolean(),
  hedgeFundRole: z.enum(["none", "fund", "investment-manager"], { message: "Choose the hedge fund status" }),
  agriculturalOtc: z.boolean(),
  otherBaseOtc: z.boolean(),
  irs: z.boolean(),
  cds: z.boolean(),
  guaranteesNymexFloorMembers: z.boolean(),
  reason: z.string().trim().min(5, "Say why (at least 5 characters)").max(300),
});

export type FirmFactsInput = z.input<typeof firmFactsSchema>;

/** A firm row's facts as the form names them (what the form starts from, and what a change is compared with). */
export function firmFactsOf(firm: Pick<FirmCapitalFacts, "isBank" | "isFcm" | "isBrokerDealer" | "hedgeFundRole" | "clearsAgriculturalOtc" | "clearsOtherBaseOtc" | "clearsIrs" | "clearsCds" | "guaranteesNymexFloorMembers">) {
  return {
    isBank: firm.isBank,
    fcmRegistered: firm.isFcm,
    brokerDealer: firm.isBrokerDealer,
    hedgeFundRole: HEDGE_FUND_ROLE[firm.hedgeFundRole],
    agriculturalOtc: firm.clearsAgriculturalOtc,
    otherBaseOtc: firm.clearsOtherBaseOtc,
    irs: firm.clearsIrs,
    cds: firm.clearsCds,
    guaranteesNymexFloorMembers: firm.guaranteesNymexFloorMembers,
  };
}
