-- Issue 9: guaranty fund recalculations, notices, deposits.

-- CreateEnum
CREATE TYPE "GfRecalculationKind" AS ENUM ('QUARTERLY', 'INTERIM');

-- CreateEnum
CREATE TYPE "GfRecalculationStatus" AS ENUM ('PREVIEW', 'ISSUED');

-- CreateEnum
CREATE TYPE "GfNoticeKind" AS ENUM ('DEPOSIT', 'INTERIM_INCREASE', 'REPLENISHMENT', 'ASSESSMENT');

-- CreateEnum
CREATE TYPE "GfMovementKind" AS ENUM ('DEPOSIT', 'WITHDRAWAL');

-- CreateTable
CREATE TABLE "gf_recalculation" (
    "id" UUID NOT NULL,
    "kind" "GfRecalculationKind" NOT NULL,
    "status" "GfRecalculationStatus" NOT NULL DEFAULT 'PREVIEW',
    "as_of" DATE NOT NULL,
    "window_from" DATE NOT NULL,
    "notice_date" DATE NOT NULL,
    "cycle_days" INTEGER NOT NULL,
    "aggregate" DECIMAL(24,2) NOT NULL,
    "worst_scenario" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "stress_source" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issued_by" UUID,
    "issued_at" TIMESTAMPTZ(6),

    CONSTRAINT "gf_recalculation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gf_stress_result" (
    "id" UUID NOT NULL,
    "recalculation_id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "scenario" TEXT NOT NULL,
    "stress_loss" DECIMAL(24,2) NOT NULL,
    "performance_bond_on_deposit" DECIMAL(24,2) NOT NULL,

    CONSTRAINT "gf_stress_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gf_notice" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "kind" "GfNoticeKind" NOT NULL,
    "recalculation_id" UUID,
    "notice_date" DATE NOT NULL,
    "due_date" DATE,
    "required" DECIMAL(24,2) NOT NULL,
    "on_deposit" DECIMAL(24,2) NOT NULL,
    "amount_due" DECIMAL(24,2) NOT NULL,
    "excess" DECIMAL(24,2) NOT NULL,
    "calculation" JSONB NOT NULL,
    "rule" TEXT NOT NULL,
    "issued_by" UUID,
    "issued_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(6),
    "acknowledged_by" UUID,
    "settled_at" TIMESTAMPTZ(6),
    "superseded_at" TIMESTAMPTZ(6),
    "escalated_at" TIMESTAMPTZ(6),

    CONSTRAINT "gf_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gf_deposit" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "kind" "GfMovementKind" NOT NULL,
    "amount" DECIMAL(24,2) NOT NULL,
    "value_date" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "recorded_by" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gf_deposit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "gf_recalculation_created_at_idx" ON "gf_recalculation"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "gf_stress_result_recalculation_id_firm_id_scenario_key" ON "gf_stress_result"("recalculation_id", "firm_id", "scenario");

-- CreateIndex
CREATE INDEX "gf_notice_firm_id_issued_at_idx" ON "gf_notice"("firm_id", "issued_at");

-- CreateIndex
CREATE INDEX "gf_notice_settled_at_due_date_idx" ON "gf_notice"("settled_at", "due_date");

-- CreateIndex
CREATE INDEX "gf_deposit_firm_id_recorded_at_idx" ON "gf_deposit"("firm_id", "recorded_at");

-- AddForeignKey
ALTER TABLE "gf_stress_result" ADD CONSTRAINT "gf_stress_result_recalculation_id_fkey" FOREIGN KEY ("recalculation_id") REFERENCES "gf_recalculation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gf_notice" ADD CONSTRAINT "gf_notice_recalculation_id_fkey" FOREIGN KEY ("recalculation_id") REFERENCES "gf_recalculation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
