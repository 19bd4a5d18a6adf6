import type { Migration } from '../sql/migration';

/**
 * Images in PostgreSQL (and PGlite), as rows of fixed-size chunks rather than large objects:
 * - chunks live in the registry's schema, so they are dumped, restored and dropped with it;
 *   large objects sit in the cluster-wide pg_largeobject and need lo_unlink bookkeeping;
 * - a range read fetches only the chunks it covers, by primary key;
 * - PGlite runs the same statements, so tests exercise the production SQL;
 * - `bytea` chunks of 256 KiB stay clear of TOAST's 1 GB value limit whatever the image size.
 * The `images` row is inserted in the same transaction as the chunks, so a reader that finds
 * the row always finds every chunk.
 */
export const createImagesMigration: Migration = {
  id: 'images-0001-create-images',
  sql: `
CREATE TABLE {{schema}}.images (
  sha256      text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  media_type  text        NOT NULL CHECK (media_type IN ('application/pdf', 'image/tiff')),
  pages       integer     NOT NULL CHECK (pages >= 1),
  bytes       bigint      NOT NULL CHECK (bytes >= 1),
  chunk_size  integer     NOT NULL CHECK (chunk_size > 0),
  stored_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {{schema}}.image_chunks (
  sha256  text    NOT NULL REFERENCES {{schema}}.images (sha256) ON DELETE CASCADE,
  seq     integer NOT NULL CHECK (seq >= 0),
  data    bytea   NOT NULL,
  PRIMARY KEY (sha256, seq)
);
`,
};

export const imageStoreMigrations: readonly Migration[] = [createImagesMigration];
