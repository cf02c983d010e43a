/** Query keys of the calendar and the D-days; the realtime wiring invalidates them too. */
export const calendarEventsQueryKey = ['calendar-events'] as const;
export const ddaysQueryKey = ['ddays'] as const;
