-- Trigram search over people (name, e-mail, phone, postcode). Bundled with PGlite and with PostgreSQL contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
