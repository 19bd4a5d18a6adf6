/** The only source of "now" for the domain and its handlers: an ISO-8601 instant in UTC. */
export interface Clock {
  now(): string;
}
