import type { CourtCalendar } from '../calendar/court-calendar';

/**
 * The calendar of one court: statewide judicial holidays plus the closures and close of judicial
 * business that court keeps (docs/law/calendar.md). The order's command handler asks for the
 * issuing court's calendar before deciding, so EPO court days and every deadline count that
 * court's closures (ADR 0043).
 */
export interface CourtCalendarsPort {
  calendarFor(courtOri: string): Promise<CourtCalendar>;
}
