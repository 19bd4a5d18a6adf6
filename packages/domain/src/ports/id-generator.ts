/** The only source of new identifiers: RFC 4122 UUIDs as lower-case strings. */
export interface IdGenerator {
  newId(): string;
}
