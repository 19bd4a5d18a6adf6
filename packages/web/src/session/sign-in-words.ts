import { ApiProblem } from '../api/problem';

/** Why sign-in failed, in words a person understands. The registry does not say which of these it was, on purpose. */
export const signInProblemWords = (e: unknown): { heading: string; text: string } => {
  if (e instanceof ApiProblem && e.status === 429) {
    const wait = e.retryAfterSeconds !== undefined && e.retryAfterSeconds > 0 ? `${Math.ceil(e.retryAfterSeconds)} seconds` : 'a minute';
    return { heading: 'Too many sign-in attempts', text: `There have been too many sign-in attempts from this computer. Wait ${wait}, then try again.` };
  }
  if (e instanceof ApiProblem && e.status === 401)
    return {
      heading: 'Sign-in failed',
      text: 'The user name or password is not right, or the account is locked or turned off. After several wrong passwords in a row an account is locked for a while (15 minutes unless your registry is set otherwise). Check that Caps Lock is off. If you forgot your password, ask your local administrator for a new one-time password.',
    };
  if (e instanceof ApiProblem && e.status === 400) return { heading: 'Sign-in failed', text: 'Enter your user name and your password.' };
  return { heading: 'The registry cannot be reached', text: 'Check the network connection, then try again. If it keeps happening, call your help desk.' };
};
