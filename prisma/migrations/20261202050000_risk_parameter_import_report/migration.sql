-- The import report of a loaded SPAN file (what was read per exchange and combined commodity,
-- what was not carried over, which elements were not read), kept with its parameter set.

-- AlterTable
ALTER TABLE "risk_parameter_set" ADD COLUMN "import_report" JSONB;
