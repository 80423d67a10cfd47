-- The firm facts minimum capital depends on (002 Summary of Requirements, "Hedge Funds",
-- NYMEX Rule 992), carried from the approved application to the firm.

-- CreateEnum
CREATE TYPE "HedgeFundRole" AS ENUM ('NONE', 'FUND', 'INVESTMENT_MANAGER');

-- AlterTable
ALTER TABLE "firm" ADD COLUMN "clears_agricultural_otc" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "clears_other_base_otc" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "guarantees_nymex_floor_members" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hedge_fund_role" "HedgeFundRole" NOT NULL DEFAULT 'NONE';

-- Firms recorded before these facts: OTC that is neither IRS nor CDS was counted as other Base
-- OTC; that stays their reading.
UPDATE "firm" SET "clears_other_base_otc" = true WHERE "clears_otc" AND NOT "clears_irs" AND NOT "clears_cds";
