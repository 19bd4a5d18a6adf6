import * as t from 'io-ts';
import { IsoDate } from './dates';

/**
 * A date of birth: a real calendar date no earlier than 1900. Whether it lies in the future is a
 * rule checked against the command's time by `decide`, since a codec has no clock.
 */
export const DateOfBirth = t.refinement(IsoDate, (d) => d >= '1900-01-01', 'DateOfBirth');
export type DateOfBirth = t.TypeOf<typeof DateOfBirth>;
