import { EXCHANGE_SCHEMA, XsdValidator } from '@ccpor/adapters';

let shared: XsdValidator | undefined;

/**
 * One schema validator per process (a worker thread holding the compiled NIEM schema set),
 * started on first use. Its worker never keeps the process alive.
 */
export const niemValidator = (): XsdValidator => (shared ??= new XsdValidator(EXCHANGE_SCHEMA));
