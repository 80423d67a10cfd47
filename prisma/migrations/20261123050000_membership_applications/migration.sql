-- Membership onboarding (issue 5): applications, their transitions, documents and exemptions,
-- the initial guaranty fund requirement, registration attempts, user invitations.

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "membership_application" (
    "id" UUID NOT NULL,
    "applicant_user_id" UUID NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "data" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "submitted_version" INTEGER,
    "submitted_at" TIMESTAMPTZ(6),
    "firm_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_transition" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "from_status" "ApplicationStatus",
    "to_status" "ApplicationStatus" NOT NULL,
    "actor_id" UUID NOT NULL,
    "actor_email" TEXT NOT NULL,
    "reason" TEXT,
    "fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_document" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "file_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "uploaded_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_exemption" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "requirement_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor_id" UUID NOT NULL,
    "actor_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_exemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guaranty_fund_requirement" (
    "id" UUID NOT NULL,
    "firm_id" UUID NOT NULL,
    "fund" TEXT NOT NULL,
    "amount" DECIMAL(24,2) NOT NULL,
    "basis" TEXT NOT NULL,
    "effective_from" TIMESTAMPTZ(6) NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guaranty_fund_requirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registration_attempt" (
    "id" BIGSERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_invitation" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "membership_application_applicant_user_id_key" ON "membership_application"("applicant_user_id");

-- CreateIndex
CREATE INDEX "membership_application_status_submitted_at_idx" ON "membership_application"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "application_transition_application_id_at_idx" ON "application_transition"("application_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "application_document_file_id_key" ON "application_document"("file_id");

-- CreateIndex
CREATE INDEX "application_document_application_id_idx" ON "application_document"("application_id");

-- CreateIndex
CREATE UNIQUE INDEX "application_exemption_application_id_requirement_id_key" ON "application_exemption"("application_id", "requirement_id");

-- CreateIndex
CREATE INDEX "guaranty_fund_requirement_firm_id_fund_effective_from_idx" ON "guaranty_fund_requirement"("firm_id", "fund", "effective_from");

-- CreateIndex
CREATE INDEX "registration_attempt_ip_at_idx" ON "registration_attempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "user_invitation_token_hash_key" ON "user_invitation"("token_hash");

-- CreateIndex
CREATE INDEX "user_invitation_user_id_idx" ON "user_invitation"("user_id");

-- AddForeignKey
ALTER TABLE "application_transition" ADD CONSTRAINT "application_transition_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "membership_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_document" ADD CONSTRAINT "application_document_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "membership_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_exemption" ADD CONSTRAINT "application_exemption_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "membership_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
