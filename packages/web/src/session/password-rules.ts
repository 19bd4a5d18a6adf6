/** The registry's rule (auth/passwords.ts): checked here first so the clerk need not wait for a refusal. */
export const MIN_PASSWORD_LENGTH = 12;

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';
type Field = PasswordField;

export const passwordProblems = (current: string, next: string, confirm: string): Partial<Record<Field, string>> => {
  const out: Partial<Record<Field, string>> = {};
  if (current === '') out.currentPassword = 'Enter the password you signed in with.';
  if (next.length < MIN_PASSWORD_LENGTH) out.newPassword = `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  else if (next === current) out.newPassword = 'Choose a password different from the one you signed in with.';
  if (confirm !== next) out.confirm = 'The two new passwords are not the same.';
  return out;
};
