-- Foundation: firms, users, sessions, sign-in attempts, audit trail, settings.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('APPLICANT', 'MEMBER_USER', 'MEMBER_RISK_ADMIN', 'CH_RISK_STAFF', 'CH_ADMIN');

-- CreateEnum
CREATE TYPE "FirmStatus" AS ENUM ('ACTIVE', 'IN_DEFAULT', 'SUSPENDED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "firm" (
    "id" UUID NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "legal_name" TEXT NOT NULL,
    "legal_form" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "is_bank" BOOLEAN NOT NULL,
    "is_fcm" BOOLEAN NOT NULL,
    "is_broker_dealer" BOOLEAN NOT NULL,
    "clears_otc" BOOLEAN NOT NULL,
    "clears_irs" BOOLEAN NOT NULL DEFAULT false,
    "clears_cds" BOOLEAN NOT NULL DEFAULT false,
    "exchanges" TEXT[],
    "status" "FirmStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "firm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "firm_id" UUID,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "disabled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_session" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "session_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),
    "revoked_reason" TEXT,
    "ip" TEXT,

    CONSTRAINT "user_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "actor_role" TEXT,
    "firm_id" UUID,
    "action" TEXT NOT NULL,
    "object_type" TEXT,
    "object_id" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "summary" JSONB NOT NULL DEFAULT '{}',
    "request_id" TEXT,
    "prev_hash" CHAR(64) NOT NULL DEFAULT '',
    "hash" CHAR(64) NOT NULL DEFAULT '',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "setting_version" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "old_value" TEXT,
    "new_value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" UUID,
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setting_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "firm_code_key" ON "firm"("code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_firm_id_idx" ON "app_user"("firm_id");

-- CreateIndex
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

-- CreateIndex
CREATE INDEX "login_attempt_email_at_idx" ON "login_attempt"("email", "at");

-- CreateIndex
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt"("ip", "at");

-- CreateIndex
CREATE INDEX "audit_event_firm_id_at_idx" ON "audit_event"("firm_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_action_at_idx" ON "audit_event"("action", "at");

-- CreateIndex
CREATE INDEX "setting_version_key_changed_at_idx" ON "setting_version"("key", "changed_at");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_firm_id_fkey" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "setting_version" ADD CONSTRAINT "setting_version_key_fkey" FOREIGN KEY ("key") REFERENCES "setting"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audit trail: append-only and hash-chained. Ids are drawn under a transaction-scoped advisory
-- lock so that id order is commit order and each row's prev_hash is the hash of the row before.
-- The canonical text hashed is documented in lib/audit/chain.ts, which verifies it.
CREATE FUNCTION "audit_event_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(7461001);
  NEW."id" := nextval(pg_get_serial_sequence('"audit_event"', 'id'));
  NEW."at" := clock_timestamp();
  SELECT "hash" INTO last_hash FROM "audit_event" ORDER BY "id" DESC LIMIT 1;
  NEW."prev_hash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := encode(sha256(convert_to(
    NEW."prev_hash" || E'\n' ||
    NEW."id"::text || E'\n' ||
    to_char(NEW."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n' ||
    COALESCE(NEW."actor_id"::text, '') || E'\n' ||
    COALESCE(NEW."actor_email", '') || E'\n' ||
    COALESCE(NEW."actor_role", '') || E'\n' ||
    COALESCE(NEW."firm_id"::text, '') || E'\n' ||
    NEW."action" || E'\n' ||
    COALESCE(NEW."object_type", '') || E'\n' ||
    COALESCE(NEW."object_id", '') || E'\n' ||
    NEW."outcome" || E'\n' ||
    NEW."summary"::text || E'\n' ||
    COALESCE(NEW."request_id", ''), 'UTF8')), 'hex');
  RETURN NEW;
END;
$$;

CREATE TRIGGER "audit_event_chain" BEFORE INSERT ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_chain"();

CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
