import type { EntryValues } from './entry-values';

/**
 * The clerk's typing kept in this browser until the registry has it (issue 15: nothing is lost):
 * a reload, a closed tab or a lost connection finds it here, with the draft version it was typed
 * on. Removed once the draft update that carries it is answered.
 */
const key = (orderId: string) => `ccpor-draft-entry:${orderId}`;

export interface DraftBackup {
  readonly version: number;
  readonly values: EntryValues;
  readonly savedAt: string;
}

export const readBackup = (orderId: string): DraftBackup | undefined => {
  try {
    const raw = localStorage.getItem(key(orderId));
    return raw ? (JSON.parse(raw) as DraftBackup) : undefined;
  } catch {
    return undefined;
  }
};

export const writeBackup = (orderId: string, b: DraftBackup): void => {
  try {
    localStorage.setItem(key(orderId), JSON.stringify(b));
  } catch {
    // A full or blocked storage: the autosave still carries the typing to the registry.
  }
};

export const dropBackup = (orderId: string): void => {
  try {
    localStorage.removeItem(key(orderId));
  } catch {
    // As above.
  }
};
