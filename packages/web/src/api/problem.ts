/** An RFC 9457 problem as the registry sends it (ADR 0030). */
export interface ProblemBody {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly field?: string;
  readonly errors?: readonly { readonly field?: string; readonly reason?: string }[];
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ProblemBody>,
    readonly retryAfterSeconds?: number,
  ) {
    super(body.detail ?? body.title ?? `The registry answered ${status}.`);
    this.name = 'ApiProblem';
  }

  get code(): string {
    return this.body.code ?? `HTTP_${this.status}`;
  }
}

/** The data of an openapi-fetch result, or its problem thrown (react-query shows it). */
export const unwrap = <T>(r: { data?: T; error?: unknown; response: Response }): T => {
  if (r.response.ok) return r.data as T;
  const retry = Number(r.response.headers.get('Retry-After') ?? r.response.headers.get('RateLimit-Reset') ?? NaN);
  throw new ApiProblem(r.response.status, (r.error ?? {}) as Partial<ProblemBody>, Number.isFinite(retry) ? retry : undefined);
};

/** A problem in words a clerk can act on; the registry's own sentence where it has one. */
export const problemWords = (e: unknown): string => {
  if (e instanceof ApiProblem) {
    if (e.status === 403) return e.body.detail ?? 'Your role or agency does not allow this.';
    if (e.status === 404) return 'There is no such order, or you may not see it.';
    if (e.status >= 500) return 'The registry could not answer just now. Try again in a moment; if it keeps happening, call your help desk.';
    return e.body.detail ?? e.message;
  }
  if (e instanceof TypeError) return 'The registry cannot be reached. Check the network connection, then try again.';
  return e instanceof Error ? e.message : String(e);
};

/** Problems of a refused change, by field (the API's own words). */
export const fieldProblems = (e: unknown): Record<string, string> => {
  if (!(e instanceof ApiProblem)) return {};
  const out: Record<string, string> = {};
  for (const x of e.body.errors ?? []) if (x.field) out[x.field.replace(/^details\./, '')] = x.reason ?? e.message;
  if (e.body.field) out[e.body.field.replace(/^details\./, '')] ??= e.body.detail ?? e.message;
  return out;
};
