import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '@ccpor/domain';

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const randomIds: IdGenerator = { newId: () => randomUUID() };
