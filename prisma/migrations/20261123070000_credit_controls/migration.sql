-- Credit controls: GC2 groupings with versions and reference margin rates, the order and fill
-- feed, RMI blocks, kill switch events, breaches, credit-control blocks (issue 7, SPEC §4).

-- CreateEnum
CREATE TYPE "CreditDerivativeType" AS ENUM ('FUTURE', 'OPTION');

-- CreateEnum
CREATE TYPE "OrderSide" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "TimeInForce" AS ENUM ('DAY', 'GTC', 'GTD');

-- CreateEnum
CREATE TYPE "CreditOrderState" AS ENUM ('WORKING', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "RmiBlockKind" AS ENUM ('RMI', 'KILL_SWITCH');

-- CreateTable
CREATE TABLE "credit_grouping" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "execution_firm_id" VARCHAR(32) NOT NULL,
    "exchange" VARCHAR(16) NOT NULL,
    "product_complex" VARCHAR(32) NOT NULL,
    "current_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_grouping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_grouping_version" (
    "id" UUID NOT NULL,
    "grouping_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "futures_limit" DECIMAL(24,2) NOT NULL,
    "options_limit" DECIMAL(24,2) NOT NULL,
    "clip_buy_futures" INTEGER,
    "clip_sell_futures" INTEGER,
    "clip_buy_options" INTEGER,
    "clip_sell_options" INTEGER,
    "include_gtc" BOOLEAN NOT NULL,
    "include_gtd" BOOLEAN NOT NULL,
    "action_email" BOOLEAN NOT NULL,
    "action_block" BOOLEAN NOT NULL,
    "action_cancel" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "changed_by" UUID,
    "changed_by_email" TEXT,
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_grouping_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_reference_rate" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "derivative_type" "CreditDerivativeType" NOT NULL,
    "product" VARCHAR(32) NOT NULL,
    "rate" DECIMAL(24,6) NOT NULL,

    CONSTRAINT "credit_reference_rate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_order" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "client_order_id" VARCHAR(64) NOT NULL,
    "execution_firm_id" VARCHAR(32) NOT NULL,
    "account" VARCHAR(32) NOT NULL,
    "exchange" VARCHAR(16) NOT NULL,
    "product_complex" VARCHAR(32) NOT NULL,
    "product" VARCHAR(32) NOT NULL,
    "derivative_type" "CreditDerivativeType" NOT NULL,
    "side" "OrderSide" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "filled_quantity" INTEGER NOT NULL DEFAULT 0,
    "time_in_force" "TimeInForce" NOT NULL,
    "expire_date" DATE,
    "trading_date" DATE NOT NULL,
    "state" "CreditOrderState" NOT NULL,
    "source" TEXT NOT NULL,
    "cancel_reason" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_fill" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "client_fill_id" VARCHAR(64) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(24,8) NOT NULL,
    "trading_date" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_fill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rmi_block" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "kind" "RmiBlockKind" NOT NULL,
    "execution_firm_id" VARCHAR(32),
    "account" VARCHAR(32),
    "exchange" VARCHAR(16),
    "derivative_type" "CreditDerivativeType",
    "side" "OrderSide",
    "reason" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_by_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_at" TIMESTAMPTZ(6),
    "lifted_by" UUID,
    "lifted_by_email" TEXT,

    CONSTRAINT "rmi_block_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kill_switch_event" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "block_id" UUID NOT NULL,
    "execution_firm_id" VARCHAR(32) NOT NULL,
    "account" VARCHAR(32),
    "cancelled_count" INTEGER NOT NULL,
    "activated_by" UUID NOT NULL,
    "activated_by_email" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kill_switch_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_breach" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "grouping_id" UUID NOT NULL,
    "grouping_version" INTEGER NOT NULL,
    "derivative_type" "CreditDerivativeType" NOT NULL,
    "trading_date" DATE NOT NULL,
    "utilization" DECIMAL(24,6) NOT NULL,
    "limit_amount" DECIMAL(24,2) NOT NULL,
    "client_order_id" VARCHAR(64),
    "actions" TEXT[],
    "cancelled_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_breach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_block" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "grouping_id" UUID NOT NULL,
    "breach_id" UUID NOT NULL,
    "trading_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_at" TIMESTAMPTZ(6),
    "lifted_by" UUID,
    "lifted_by_email" TEXT,

    CONSTRAINT "credit_block_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_state_version" (
    "firm_id" UUID NOT NULL,
    "version" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_state_version_pkey" PRIMARY KEY ("firm_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_grouping_firm_id_execution_firm_id_exchange_product_complex_key" ON "credit_grouping"("firm_id", "execution_firm_id", "exchange", "product_complex");

-- CreateIndex
CREATE UNIQUE INDEX "credit_grouping_version_grouping_id_version_key" ON "credit_grouping_version"("grouping_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "credit_reference_rate_version_id_derivative_type_product_key" ON "credit_reference_rate"("version_id", "derivative_type", "product");

-- CreateIndex
CREATE UNIQUE INDEX "credit_order_firm_id_client_order_id_key" ON "credit_order"("firm_id", "client_order_id");

-- CreateIndex
CREATE INDEX "credit_order_firm_id_state_idx" ON "credit_order"("firm_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "credit_fill_firm_id_client_fill_id_key" ON "credit_fill"("firm_id", "client_fill_id");

-- CreateIndex
CREATE INDEX "credit_fill_order_id_idx" ON "credit_fill"("order_id");

-- CreateIndex
CREATE INDEX "credit_fill_firm_id_trading_date_idx" ON "credit_fill"("firm_id", "trading_date");

-- CreateIndex
CREATE INDEX "rmi_block_firm_id_lifted_at_idx" ON "rmi_block"("firm_id", "lifted_at");

-- CreateIndex
CREATE INDEX "kill_switch_event_firm_id_at_idx" ON "kill_switch_event"("firm_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "credit_breach_grouping_id_derivative_type_trading_date_grouping_version_key" ON "credit_breach"("grouping_id", "derivative_type", "trading_date", "grouping_version");

-- CreateIndex
CREATE INDEX "credit_breach_firm_id_created_at_idx" ON "credit_breach"("firm_id", "created_at");

-- CreateIndex
CREATE INDEX "credit_block_grouping_id_lifted_at_idx" ON "credit_block"("grouping_id", "lifted_at");

-- AddForeignKey
ALTER TABLE "credit_grouping_version" ADD CONSTRAINT "credit_grouping_version_grouping_id_fkey" FOREIGN KEY ("grouping_id") REFERENCES "credit_grouping"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_reference_rate" ADD CONSTRAINT "credit_reference_rate_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "credit_grouping_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_fill" ADD CONSTRAINT "credit_fill_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "credit_order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_breach" ADD CONSTRAINT "credit_breach_grouping_id_fkey" FOREIGN KEY ("grouping_id") REFERENCES "credit_grouping"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_block" ADD CONSTRAINT "credit_block_grouping_id_fkey" FOREIGN KEY ("grouping_id") REFERENCES "credit_grouping"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
