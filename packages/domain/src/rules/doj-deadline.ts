import { californiaLocalDate, fromCaliforniaLocal, type CourtCalendar } from '../calendar';

/**
 * The order must reach CARPOS within one business day of issue (Fam. Code 6380, domain-brief §6):
 * the deadline is the end of the next business day after the issue date, California time.
 */
export const dojDeadline = (issuedAt: string, calendar: CourtCalendar): string =>
  fromCaliforniaLocal(calendar.addBusinessDays(californiaLocalDate(issuedAt), 1), '23:59:59');

/** A proof of service must reach CARPOS within one business day of service (domain-brief §4). */
export const serviceDojDeadline = (servedAt: string, calendar: CourtCalendar): string => dojDeadline(servedAt, calendar);
