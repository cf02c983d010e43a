import type { CoupleDto, CoupleEventPayload } from '@couple-chat/protocol';
import type { TFunction } from 'i18next';
import { formatLocalDate } from '../../lib/dates';

type Translate = TFunction<'translation'>;

/** The connection's own story (couple.*), as opposed to the chat's messages and reads. */
export type CoupleChange = Extract<CoupleEventPayload, { type: `couple.${string}` }>;

export function isCoupleChange(event: CoupleEventPayload): event is CoupleChange {
  return event.type.startsWith('couple.');
}

/** The sentences one history entry becomes, from the reader's point of view ("I" or the partner). */
export function describeEvent(
  t: Translate,
  event: CoupleChange,
  myId: string,
  couple: Pick<CoupleDto, 'partner'>,
): string[] {
  if (event.type === 'couple.connected') return [t('couple.history.connected')];
  const name = couple.partner.displayName;
  const mine = event.by === myId;
  const say = (key: 'startDateCleared' | 'endingRequested' | 'endingCancelled') =>
    mine ? t(`couple.history.me.${key}`) : t(`couple.history.partner.${key}`, { name });

  switch (event.type) {
    case 'couple.ending_requested':
      return [say('endingRequested')];
    case 'couple.ending_cancelled':
      return [say('endingCancelled')];
    case 'couple.updated': {
      const lines: string[] = [];
      if (event.startDate === null) lines.push(say('startDateCleared'));
      if (event.startDate) {
        const date = formatLocalDate(event.startDate, t('app.locale'));
        lines.push(
          mine
            ? t('couple.history.me.startDateSet', { date })
            : t('couple.history.partner.startDateSet', { name, date }),
        );
      }
      if (event.timeZone) {
        const timeZone = event.timeZone;
        lines.push(
          mine
            ? t('couple.history.me.timeZoneChanged', { timeZone })
            : t('couple.history.partner.timeZoneChanged', { name, timeZone }),
        );
      }
      return lines;
    }
    default:
      return [];
  }
}
