import type { CourtCalendar } from '../calendar';
import { deadlineDue } from './deadline-rules';

/**
 * The order must reach CARPOS within one business day of issue (Fam. Code 6380(a);
 * docs/law/doj-deadlines.md): the end of the next business day after the issue date, California
 * time. Every other transmission has its own row in DEADLINE_RULES.
 */
export const dojDeadline = (issuedAt: string, calendar: CourtCalendar): string => deadlineDue('doj.issue', issuedAt, calendar);
/** An officer's proof of service must reach CARPOS within one business day of service (Fam. Code 6380). */
export const serviceDojDeadline = (servedAt: string, calendar: CourtCalendar): string => deadlineDue('doj.service.officer', servedAt, calendar);
