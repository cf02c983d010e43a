import type { CoupleEventPayload } from '@couple-chat/protocol';

/** An event on the shared calendar was added, changed or deleted. */
export function changesCalendar(event: CoupleEventPayload): boolean {
  return event.type === 'calendar.event_saved' || event.type === 'calendar.event_deleted';
}

/**
 * D-days or the pin changed; so do the counter and the milestones when the couple's start date or
 * time zone changes (GET /api/ddays carries both).
 */
export function changesDdays(event: CoupleEventPayload): boolean {
  return (
    event.type === 'dday.saved' ||
    event.type === 'dday.deleted' ||
    event.type === 'dday.pinned' ||
    event.type === 'couple.updated'
  );
}
