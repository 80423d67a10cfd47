-- Issue 8: products, risk parameter sets, settlement prices, accounts, positions, trades,
-- settlement cycles, margin statements, collateral holdings and requests, Rule 824 charges.

-- CreateEnum
CREATE TYPE "AccountOrigin" AS ENUM ('HOUSE', 'CUSTOMER_SEGREGATED', 'SECURED_30_7', 'CLEARED_SWAPS');

-- CreateEnum
CREATE TYPE "ProductKind" AS ENUM ('FUTURE', 'OPTION', 'SWAP');

-- CreateEnum
CREATE TYPE "CycleKind" AS ENUM ('SCHEDULED', 'AD_HOC');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "CollateralRequestKind" AS ENUM ('POST', 'WITHDRAW');

-- CreateEnum
CREATE TYPE "CollateralRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "margin_product" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "ProductKind" NOT NULL,
    "name" TEXT NOT NULL,
    "multiplier" DECIMAL(24,8) NOT NULL,
    "tick" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "margin_product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_parameter_set" (
    "id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "file_id" UUID,
    "source_name" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "contract_count" INTEGER NOT NULL,
    "parameters" JSONB NOT NULL,
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "loaded_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_parameter_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settlement_price_set" (
    "id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "cycle_kind" "CycleKind" NOT NULL,
    "cycle_number" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "file_id" UUID,
    "loaded_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settlement_price_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settlement_price" (
    "price_set_id" UUID NOT NULL,
    "contract" TEXT NOT NULL,
    "price" DECIMAL(24,8) NOT NULL,

    CONSTRAINT "settlement_price_pkey" PRIMARY KEY ("price_set_id","contract")
);

-- CreateTable
CREATE TABLE "margin_account" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "account_number" TEXT NOT NULL,
    "origin" "AccountOrigin" NOT NULL,
    "customer_account_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "margin_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "position" (
    "account_id" UUID NOT NULL,
    "contract" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "position_pkey" PRIMARY KEY ("account_id","contract")
);

-- CreateTable
CREATE TABLE "trade" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "contract" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL,
    "price" DECIMAL(24,8) NOT NULL,
    "settled_cycle_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "margin_cycle" (
    "id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "kind" "CycleKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "CycleStatus" NOT NULL DEFAULT 'RUNNING',
    "parameter_set_id" UUID NOT NULL,
    "price_set_id" UUID NOT NULL,
    "previous_cycle_id" UUID,
    "total_accounts" INTEGER NOT NULL,
    "processed_accounts" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "lease_until" TIMESTAMPTZ(6),
    "error" TEXT,
    "started_by" UUID,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "margin_cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "margin_statement" (
    "id" UUID NOT NULL,
    "cycle_id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "origin" "AccountOrigin" NOT NULL,
    "position_count" INTEGER NOT NULL,
    "variation" DECIMAL(24,2) NOT NULL,
    "maintenance" DECIMAL(24,2) NOT NULL,
    "initial" DECIMAL(24,2) NOT NULL,
    "collateral_value" DECIMAL(24,2) NOT NULL,
    "excess" DECIMAL(24,2) NOT NULL,
    "call" DECIMAL(24,2) NOT NULL,
    "breakdown" JSONB NOT NULL,

    CONSTRAINT "margin_statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_holding" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "market_value" DECIMAL(24,2) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collateral_holding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_request" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" "CollateralRequestKind" NOT NULL,
    "type" TEXT NOT NULL,
    "market_value" DECIMAL(24,2) NOT NULL,
    "status" "CollateralRequestStatus" NOT NULL DEFAULT 'PENDING',
    "requested_by" UUID NOT NULL,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(6),
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collateral_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "additional_charge" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "product_code" TEXT,
    "side" TEXT,
    "amount" DECIMAL(24,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(6),

    CONSTRAINT "additional_charge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "margin_product_code_kind_key" ON "margin_product"("code", "kind");

-- CreateIndex
CREATE INDEX "risk_parameter_set_business_date_created_at_idx" ON "risk_parameter_set"("business_date", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "settlement_price_set_business_date_cycle_kind_cycle_number_key" ON "settlement_price_set"("business_date", "cycle_kind", "cycle_number");

-- CreateIndex
CREATE UNIQUE INDEX "margin_account_firm_id_account_number_key" ON "margin_account"("firm_id", "account_number");

-- CreateIndex
CREATE UNIQUE INDEX "trade_account_id_external_id_key" ON "trade"("account_id", "external_id");

-- CreateIndex
CREATE INDEX "trade_settled_cycle_id_idx" ON "trade"("settled_cycle_id");

-- CreateIndex
CREATE UNIQUE INDEX "margin_cycle_business_date_kind_number_key" ON "margin_cycle"("business_date", "kind", "number");

-- CreateIndex
CREATE UNIQUE INDEX "margin_statement_cycle_id_account_id_key" ON "margin_statement"("cycle_id", "account_id");

-- CreateIndex
CREATE INDEX "margin_statement_firm_id_cycle_id_idx" ON "margin_statement"("firm_id", "cycle_id");

-- CreateIndex
CREATE INDEX "margin_statement_account_id_idx" ON "margin_statement"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "collateral_holding_account_id_type_key" ON "collateral_holding"("account_id", "type");

-- CreateIndex
CREATE INDEX "collateral_request_firm_id_created_at_idx" ON "collateral_request"("firm_id", "created_at");

-- CreateIndex
CREATE INDEX "collateral_request_status_created_at_idx" ON "collateral_request"("status", "created_at");

-- CreateIndex
CREATE INDEX "additional_charge_firm_id_idx" ON "additional_charge"("firm_id");

-- AddForeignKey
ALTER TABLE "settlement_price" ADD CONSTRAINT "settlement_price_price_set_id_fkey" FOREIGN KEY ("price_set_id") REFERENCES "settlement_price_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position" ADD CONSTRAINT "position_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "margin_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trade" ADD CONSTRAINT "trade_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "margin_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "margin_cycle" ADD CONSTRAINT "margin_cycle_parameter_set_id_fkey" FOREIGN KEY ("parameter_set_id") REFERENCES "risk_parameter_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "margin_cycle" ADD CONSTRAINT "margin_cycle_price_set_id_fkey" FOREIGN KEY ("price_set_id") REFERENCES "settlement_price_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "margin_statement" ADD CONSTRAINT "margin_statement_cycle_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "margin_cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collateral_holding" ADD CONSTRAINT "collateral_holding_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "margin_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
