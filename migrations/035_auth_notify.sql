-- Each server process keeps the sessions it has read in memory (platform/auth/sessions.ts), so a request does not
-- read its session from the database. Any change to a session (logout, revocation), a user (role, validity) or a
-- user's units tells every process to drop what it holds: one notification per statement, on the channel the
-- processes listen on. A new session needs none: it is read on its first request.
CREATE FUNCTION notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('spire_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER session_auth_change AFTER UPDATE OR DELETE OR TRUNCATE ON session
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
CREATE TRIGGER app_user_auth_change AFTER UPDATE OR DELETE OR TRUNCATE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
CREATE TRIGGER user_unit_auth_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_unit
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
