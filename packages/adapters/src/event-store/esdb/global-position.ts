import type { GlobalPosition } from '@ccpor/domain';
import type { Position } from '@eventstore/db-client';

/**
 * EventStoreDB orders its log by (commit, prepare). Both are unsigned 64-bit numbers, at most
 * 20 decimal digits, so zero-padding each to 20 digits makes the port's string order equal the
 * log order.
 */
const DIGITS = 20;
const FORMAT = /^(\d{20}):(\d{20})$/;

export const toGlobalPosition = (position: Position): GlobalPosition =>
  `${position.commit.toString(10).padStart(DIGITS, '0')}:${position.prepare.toString(10).padStart(DIGITS, '0')}` as GlobalPosition;

export const fromGlobalPosition = (position: GlobalPosition): Position => {
  const match = FORMAT.exec(position);
  if (match === null) throw new Error(`Not an EventStoreDB global position: ${JSON.stringify(position)}`);
  return { commit: BigInt(match[1] as string), prepare: BigInt(match[2] as string) };
};

export const comparePositions = (a: Position, b: Position): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
