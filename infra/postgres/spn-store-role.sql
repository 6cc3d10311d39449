-- The event store's runtime role (docs/event-store.md, "Database roles"): it logs in, reads and appends,
-- and nothing more. The store's migration, run as the owner, grants it the tables; the password is
-- the compose file's (EVENT_STORE_RUNTIME_URL), to be changed with the owner's for a real deployment.
CREATE ROLE spn_store LOGIN PASSWORD 'spn_store' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
