import type { Logger } from 'pino';

/** Said in an answer whose conflict check could not run. */
export const CHECK_UNAVAILABLE =
  'Other orders about these people could not be checked: the search views are not reachable. This answer is otherwise complete; read the order again shortly.';

/** What a conflict check that may find the views down needs: somewhere to tell operators. */
export interface ViewsDownNeeds {
  readonly logger: Logger;
}

/**
 * Runs a conflict check that reads the search views. A write has already been committed, and a
 * read is served from the order's own stream, so neither may fail because the views are
 * unreachable: the caller is told the check did not run (never "no conflicts"), and the error is
 * logged for operators.
 */
export const unlessViewsDown = async <T>(s: ViewsDownNeeds, work: () => Promise<T>): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false }> => {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    s.logger.error({ err }, 'conflict check skipped: the search views could not be read');
    return { ok: false };
  }
};
