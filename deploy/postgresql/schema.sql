-- The clinic's side of `kioskctl sync` into PostgreSQL (13 or later): the enquiries the kiosks
-- deliver, one status row per kiosk, and the role they log in as. Run once, as a superuser or the
-- database's owner, in the database the kiosks' sync-url names:
--
--   psql -d clinic -f schema.sql
--   psql -d clinic -c "ALTER ROLE kiosk_sync PASSWORD '...'"     (the password goes in sync-secret-file)
--
-- Running it again changes nothing that is there. kiosk_sync may add enquiries and keep its own
-- kiosk_status row, and may read no enquiry: a stolen tablet's credentials read nothing back. For
-- a chain of clinics give each kiosk a login of its own that inherits it:
--   CREATE ROLE kiosk_reception_2 LOGIN PASSWORD '...' IN ROLE kiosk_sync;
-- Then each kiosk sees and updates only the kiosk_status row it made itself.

BEGIN;

-- The export's columns (kioskctl export --format jsonl, field for field), and when and as whom it
-- arrived. batch_id is the tablet's export batch when the request had been exported there by the
-- time it was delivered, else 0.
CREATE TABLE IF NOT EXISTS enquiries (
    uuid                  uuid PRIMARY KEY,
    batch_id              bigint NOT NULL DEFAULT 0,
    ref                   text NOT NULL,
    created_utc           timestamptz NOT NULL,
    kiosk_id              text NOT NULL,
    treatment_id          text NOT NULL,
    name                  text NOT NULL,
    phone                 text NOT NULL,
    email                 text NOT NULL,
    contact_time          text NOT NULL,
    screening             text NOT NULL,
    answers               jsonb,
    consent_contact       boolean NOT NULL,
    consent_share_answers boolean NOT NULL,
    notice_version        text NOT NULL,
    language              text NOT NULL DEFAULT '',
    received_at           timestamptz NOT NULL DEFAULT now(),
    received_by           name NOT NULL DEFAULT current_user
);
-- The language the client used (BCP 47: en, pl, ar, zh-Hans), added after the first release: a
-- database made before gains it here, its earlier enquiries with '' (not known).
ALTER TABLE enquiries ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS enquiries_received_at ON enquiries (received_at);

-- One row per kiosk, upserted by each sync pass (at least once a minute while it runs).
CREATE TABLE IF NOT EXISTS kiosk_status (
    kiosk_id    text PRIMARY KEY,
    version     text NOT NULL,
    last_seen   timestamptz NOT NULL,
    waiting     bigint NOT NULL,
    last_error  text,
    db_role     name NOT NULL DEFAULT current_user
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_sync') THEN
        CREATE ROLE kiosk_sync LOGIN;
    END IF;
END
$$;

REVOKE ALL ON enquiries, kiosk_status FROM PUBLIC, kiosk_sync;
-- INSERT alone, on the export's columns only: received_at and received_by are the server's word.
GRANT INSERT (uuid, batch_id, ref, created_utc, kiosk_id, treatment_id, name, phone, email, contact_time,
              screening, answers, consent_contact, consent_share_answers, notice_version, language)
    ON enquiries TO kiosk_sync;
-- ON CONFLICT (uuid) needs SELECT on uuid to find the conflict, and PostgreSQL then wants each new
-- row to pass the SELECT policy. The policy below lets a kiosk see only the uuids of the rows its
-- own transaction is adding (received_at is the transaction's now()), so it reads nothing back,
-- not even how many enquiries there are.
GRANT SELECT (uuid) ON enquiries TO kiosk_sync;
GRANT SELECT, INSERT (kiosk_id, version, last_seen, waiting, last_error),
      UPDATE (version, last_seen, waiting, last_error) ON kiosk_status TO kiosk_sync;

ALTER TABLE enquiries ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS enquiries_add ON enquiries;
CREATE POLICY enquiries_add ON enquiries FOR INSERT TO kiosk_sync WITH CHECK (received_by = current_user);
DROP POLICY IF EXISTS enquiries_unseen ON enquiries;
CREATE POLICY enquiries_unseen ON enquiries FOR SELECT TO kiosk_sync
    USING (received_by = current_user AND received_at >= now());

-- A kiosk's login sees and changes only the status row it made.
ALTER TABLE kiosk_status ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS kiosk_status_own ON kiosk_status;
CREATE POLICY kiosk_status_own ON kiosk_status TO kiosk_sync
    USING (db_role = current_user) WITH CHECK (db_role = current_user);

COMMIT;
