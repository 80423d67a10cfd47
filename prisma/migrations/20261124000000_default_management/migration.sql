-- Issue 10: default management: Base Product Categories, mandated bidders, exemptions,
-- defaults, auctions with sealed bids, and the loss waterfall.

-- AlterEnum
ALTER TYPE "GfMovementKind" ADD VALUE 'LOSS_APPLIED';

-- CreateEnum
CREATE TYPE "ExemptionGround" AS ENUM ('DOES_NOT_TRADE', 'NOT_PROPORTIONATE', 'NO_TRADING_DESK', 'OPERATIONAL');

-- CreateEnum
CREATE TYPE "ExemptionStatus" AS ENUM ('PENDING', 'GRANTED', 'DENIED');

-- CreateEnum
CREATE TYPE "MandateSelectionStatus" AS ENUM ('PREVIEW', 'NOTIFIED');

-- CreateEnum
CREATE TYPE "AuctionStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "product_category" (
    "id" UUID NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "product_codes" TEXT[],
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mandate_selection" (
    "id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "status" "MandateSelectionStatus" NOT NULL DEFAULT 'PREVIEW',
    "inputs" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_by" UUID,
    "notified_at" TIMESTAMPTZ(6),

    CONSTRAINT "mandate_selection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mandate_line" (
    "selection_id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "rank" INTEGER,
    "score" DECIMAL(20,10) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "mandate_line_pkey" PRIMARY KEY ("selection_id","firm_id")
);

-- CreateTable
CREATE TABLE "exemption_request" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "ground" "ExemptionGround" NOT NULL,
    "explanation" TEXT NOT NULL,
    "evidence_file_id" UUID NOT NULL,
    "status" "ExemptionStatus" NOT NULL DEFAULT 'PENDING',
    "requested_by" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(6),
    "decision_note" TEXT,

    CONSTRAINT "exemption_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_default" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "default_date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "declared_by" UUID NOT NULL,
    "declared_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cooling_off_start" DATE NOT NULL,
    "cooling_off_end" DATE NOT NULL,

    CONSTRAINT "member_default_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auction" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(32) NOT NULL,
    "default_id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "status" "AuctionStatus" NOT NULL DEFAULT 'OPEN',
    "opens_at" TIMESTAMPTZ(6) NOT NULL,
    "closes_at" TIMESTAMPTZ(6) NOT NULL,
    "portfolio" JSONB NOT NULL,
    "portfolio_performance_bond" DECIMAL(24,2) NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(6),
    "closed_by" UUID,
    "close_reason" TEXT,
    "result" JSONB,

    CONSTRAINT "auction_pkey" PRIMARY KEY ("id"),
    -- the window must be a real interval
    CONSTRAINT "auction_window_check" CHECK ("closes_at" > "opens_at")
);

-- CreateTable
CREATE TABLE "auction_invitation" (
    "auction_id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "mandated" BOOLEAN NOT NULL,

    CONSTRAINT "auction_invitation_pkey" PRIMARY KEY ("auction_id","firm_id")
);

-- CreateTable
CREATE TABLE "auction_bid" (
    "id" BIGSERIAL NOT NULL,
    "reference" VARCHAR(40) NOT NULL,
    "auction_id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "amount" DECIMAL(24,2) NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "auction_bid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "default_waterfall" (
    "id" UUID NOT NULL,
    "default_id" UUID NOT NULL,
    "loss" JSONB NOT NULL,
    "input" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "uncovered" DECIMAL(24,2) NOT NULL,
    "ran_by" UUID NOT NULL,
    "ran_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notices" INTEGER NOT NULL,

    CONSTRAINT "default_waterfall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "product_category_code_key" ON "product_category"("code");

-- CreateIndex
CREATE INDEX "mandate_selection_category_id_created_at_idx" ON "mandate_selection"("category_id", "created_at");

-- CreateIndex
CREATE INDEX "mandate_line_firm_id_idx" ON "mandate_line"("firm_id");

-- CreateIndex
CREATE INDEX "exemption_request_firm_id_category_id_requested_at_idx" ON "exemption_request"("firm_id", "category_id", "requested_at");

-- CreateIndex
CREATE INDEX "exemption_request_status_idx" ON "exemption_request"("status");

-- CreateIndex
CREATE INDEX "member_default_firm_id_idx" ON "member_default"("firm_id");

-- CreateIndex
CREATE INDEX "member_default_default_date_idx" ON "member_default"("default_date");

-- CreateIndex
CREATE UNIQUE INDEX "auction_reference_key" ON "auction"("reference");

-- CreateIndex
CREATE INDEX "auction_default_id_idx" ON "auction"("default_id");

-- CreateIndex
CREATE INDEX "auction_status_closes_at_idx" ON "auction"("status", "closes_at");

-- CreateIndex
CREATE INDEX "auction_invitation_firm_id_idx" ON "auction_invitation"("firm_id");

-- CreateIndex
CREATE UNIQUE INDEX "auction_bid_reference_key" ON "auction_bid"("reference");

-- CreateIndex
CREATE INDEX "auction_bid_auction_id_firm_id_id_idx" ON "auction_bid"("auction_id", "firm_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "default_waterfall_default_id_key" ON "default_waterfall"("default_id");

-- AddForeignKey
ALTER TABLE "mandate_selection" ADD CONSTRAINT "mandate_selection_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "product_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mandate_line" ADD CONSTRAINT "mandate_line_selection_id_fkey" FOREIGN KEY ("selection_id") REFERENCES "mandate_selection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exemption_request" ADD CONSTRAINT "exemption_request_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "product_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auction" ADD CONSTRAINT "auction_default_id_fkey" FOREIGN KEY ("default_id") REFERENCES "member_default"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auction" ADD CONSTRAINT "auction_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "product_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auction_invitation" ADD CONSTRAINT "auction_invitation_auction_id_fkey" FOREIGN KEY ("auction_id") REFERENCES "auction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auction_bid" ADD CONSTRAINT "auction_bid_auction_id_fkey" FOREIGN KEY ("auction_id") REFERENCES "auction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "default_waterfall" ADD CONSTRAINT "default_waterfall_default_id_fkey" FOREIGN KEY ("default_id") REFERENCES "member_default"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Bids are evidence: kept, never changed or removed (only the last one of a member counts).
CREATE FUNCTION "auction_bid_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'auction bids are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "auction_bid_no_update_delete" BEFORE UPDATE OR DELETE ON "auction_bid"
  FOR EACH ROW EXECUTE FUNCTION "auction_bid_append_only"();
