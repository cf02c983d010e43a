// @couple-chat/dates: the calendar and D-day date rules, in one place for the server and the web app.
// Dates are LocalDate strings ('YYYY-MM-DD': no time, no zone); only todayIn needs a time zone.
// Pure functions, no I/O, no dependencies (Intl supplies the time-zone data). Every function that
// takes a LocalDate throws a RangeError naming the value when it is not an existing date.

export {
  type EventDates,
  eventsOnDay,
  type GridDay,
  monthGrid,
  occursOn,
  yearlyOccurrence,
} from './calendar.js';
export {
  type DDay,
  dDay,
  dDayLabel,
  MILESTONE_DAY_STEP,
  type Milestone,
  type MilestoneOptions,
  milestones,
  nextMilestone,
  relationshipDay,
} from './dday.js';
export {
  addDays,
  addMonths,
  addYears,
  assertLocalDate,
  compareDates,
  type DateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isValidLocalDate,
  type LocalDate,
  localDate,
  MAX_LOCAL_DATE,
  MIN_LOCAL_DATE,
  parseLocalDate,
} from './local-date.js';
export { isValidTimeZone, todayIn } from './time-zone.js';
