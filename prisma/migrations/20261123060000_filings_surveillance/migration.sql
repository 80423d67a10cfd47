-- Financial report filings (versions, statement lines, reviews), capital surveillance cases,
-- required notices, key personnel contacts and their semi-annual sign-offs (issue 6).

-- CreateEnum
CREATE TYPE "FilingKind" AS ENUM ('MONTHLY_1FR', 'MONTHLY_FOCUS', 'ANNUAL_CERTIFIED', 'BANK_QUARTERLY');

-- CreateEnum
CREATE TYPE "FilingStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'QUERIED');

-- CreateEnum
CREATE TYPE "FilingReviewDecision" AS ENUM ('ACCEPT', 'QUERY');

-- CreateTable
CREATE TABLE "filing" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "kind" "FilingKind" NOT NULL,
    "period_end" DATE NOT NULL,
    "version" INTEGER NOT NULL,
    "amends_id" UUID,
    "amendment_reason" TEXT,
    "status" "FilingStatus" NOT NULL DEFAULT 'SUBMITTED',
    "regulator_filing_date" DATE,
    "due_date" DATE NOT NULL,
    "filed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "filed_by_id" UUID,
    "signed_document_id" UUID,
    "adjusted_net_capital" DECIMAL(24,2) NOT NULL,
    "minimum_capital" DECIMAL(24,2) NOT NULL,
    "binding_requirement" TEXT NOT NULL,
    "early_warning_level" DECIMAL(24,2) NOT NULL,
    "excess_over_minimum" DECIMAL(24,2) NOT NULL,
    "reduction_percent" DECIMAL(12,4),
    "below_minimum" BOOLEAN NOT NULL,
    "below_early_warning" BOOLEAN NOT NULL,
    "substantial_reduction" BOOLEAN NOT NULL,
    "late_filing" BOOLEAN NOT NULL,
    "days_late" INTEGER NOT NULL,
    "notices_required" TEXT[],

    CONSTRAINT "filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing_line" (
    "id" UUID NOT NULL,
    "filing_id" UUID NOT NULL,
    "line" TEXT NOT NULL,
    "amount" DECIMAL(24,2) NOT NULL,

    CONSTRAINT "filing_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing_review" (
    "id" UUID NOT NULL,
    "filing_id" UUID NOT NULL,
    "decision" "FilingReviewDecision" NOT NULL,
    "message" TEXT,
    "reviewer_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "surveillance_case" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "filing_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(6),
    "closed_by_id" UUID,
    "close_reason" TEXT,

    CONSTRAINT "surveillance_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "regulatory_notice" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "filed_by_id" UUID NOT NULL,
    "filed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "regulatory_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_person_contact" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "function" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(6),

    CONSTRAINT "key_person_contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_person_sign_off" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "signed_by_id" UUID NOT NULL,
    "signed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contacts" JSONB NOT NULL,

    CONSTRAINT "key_person_sign_off_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "filing_amends_id_key" ON "filing"("amends_id");

-- CreateIndex
CREATE INDEX "filing_firm_id_filed_at_idx" ON "filing"("firm_id", "filed_at");

-- CreateIndex
CREATE UNIQUE INDEX "filing_firm_id_kind_period_end_version_key" ON "filing"("firm_id", "kind", "period_end", "version");

-- CreateIndex
CREATE UNIQUE INDEX "filing_line_filing_id_line_key" ON "filing_line"("filing_id", "line");

-- CreateIndex
CREATE INDEX "filing_review_filing_id_created_at_idx" ON "filing_review"("filing_id", "created_at");

-- CreateIndex
CREATE INDEX "surveillance_case_firm_id_opened_at_idx" ON "surveillance_case"("firm_id", "opened_at");

-- CreateIndex
CREATE INDEX "surveillance_case_filing_id_idx" ON "surveillance_case"("filing_id");

-- CreateIndex
CREATE INDEX "regulatory_notice_firm_id_filed_at_idx" ON "regulatory_notice"("firm_id", "filed_at");

-- CreateIndex
CREATE INDEX "key_person_contact_firm_id_idx" ON "key_person_contact"("firm_id");

-- CreateIndex
CREATE INDEX "key_person_sign_off_firm_id_signed_at_idx" ON "key_person_sign_off"("firm_id", "signed_at");

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_firm_id_fkey" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_amends_id_fkey" FOREIGN KEY ("amends_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_signed_document_id_fkey" FOREIGN KEY ("signed_document_id") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_line" ADD CONSTRAINT "filing_line_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_review" ADD CONSTRAINT "filing_review_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "surveillance_case" ADD CONSTRAINT "surveillance_case_firm_id_fkey" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "surveillance_case" ADD CONSTRAINT "surveillance_case_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regulatory_notice" ADD CONSTRAINT "regulatory_notice_firm_id_fkey" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_person_contact" ADD CONSTRAINT "key_person_contact_firm_id_fkey" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_person_sign_off" ADD CONSTRAINT "key_person_sign_off_firm_id_fkey" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
