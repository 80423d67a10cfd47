-- Stress paths the clearing house publishes for the members' stress-path simulator: price moves
-- per product, day by day (1..20), with optional scan-range multipliers; staff create them from
-- CSV, then publish or withdraw them. A member's own uploaded path is never stored.

-- CreateEnum
CREATE TYPE "StressPathStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "stress_path" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "days" INTEGER NOT NULL,
    "moves" JSONB NOT NULL,
    "status" "StressPathStatus" NOT NULL DEFAULT 'DRAFT',
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stress_path_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "stress_path_name_key" ON "stress_path"("name");
