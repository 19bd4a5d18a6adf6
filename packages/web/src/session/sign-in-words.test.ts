import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { passwordProblems } from './password-rules';
import { signInProblemWords } from './sign-in-words';

describe('sign-in problems in plain words', () => {
  it('says how long to wait after too many attempts, from the answer’s Retry-After', () => {
    expect(signInProblemWords(new ApiProblem(429, { code: 'TOO_MANY_LOGINS' }, 42)).text).toBe('There have been too many sign-in attempts from this computer. Wait 42 seconds, then try again.');
    expect(signInProblemWords(new ApiProblem(429, { code: 'TOO_MANY_LOGINS' })).text).toMatch(/Wait a minute/);
  });

  it('explains a refused sign-in without telling which case it was, and a network failure as such', () => {
    const refused = signInProblemWords(new ApiProblem(401, { code: 'LOGIN_FAILED' }));
    expect(refused.heading).toBe('Sign-in failed');
    expect(refused.text).toMatch(/locked for a while/);
    expect(refused.text).toMatch(/Caps Lock/);
    expect(signInProblemWords(new TypeError('Failed to fetch')).heading).toBe('The registry cannot be reached');
  });
});

describe('a new password', () => {
  it('is checked as the registry does before anything is sent', () => {
    expect(passwordProblems('', 'short', 'other')).toEqual({
      currentPassword: 'Enter the password you signed in with.',
      newPassword: 'The new password must be at least 12 characters long.',
      confirm: 'The two new passwords are not the same.',
    });
    expect(passwordProblems('one-time-pass-1', 'one-time-pass-1', 'one-time-pass-1')).toEqual({ newPassword: 'Choose a password different from the one you signed in with.' });
    expect(passwordProblems('one-time-pass-1', 'a long new passphrase', 'a long new passphrase')).toEqual({});
  });
});
