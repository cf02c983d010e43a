import type { CoupleDto, MeDto } from '@couple-chat/protocol';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { type Countdown, countdown, formatDateTime } from '../../lib/dates';
import { useTakeFocus } from '../../lib/pendingFocus';
import { useNow } from '../../lib/useNow';
import { useMe } from '../auth/hooks';
import { useCancelEnding, useCouple } from './hooks';
import { coupleQueryKey } from './keys';

const titleId = 'ending-title';

/** "6일 23시간 59분 12초": leading zero units dropped, seconds always shown. */
export function formatCountdown(t: TFunction<'translation'>, left: Countdown): string {
  const units = [
    ['days', left.days],
    ['hours', left.hours],
    ['minutes', left.minutes],
  ] as const;
  const first = units.findIndex(([, value]) => value > 0);
  const parts = (first === -1 ? [] : units.slice(first)).map(([unit, count]) =>
    t(`couple.units.${unit}`, { count }),
  );
  parts.push(t('couple.units.seconds', { count: left.seconds }));
  return parts.join(' ');
}

/** On every signed-in page while the connection is ending: how long is left, and the way back. */
export function EndingBanner() {
  const me = useMe().data;
  const couple = useCouple().data;
  if (!me || !couple || couple.status !== 'ending' || !couple.endsAt) return null;
  return <EndingCountdown me={me} couple={couple} endsAt={couple.endsAt} />;
}

function EndingCountdown({ me, couple, endsAt }: { me: MeDto; couple: CoupleDto; endsAt: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cancel = useCancelEnding();
  const end = Date.parse(endsAt);
  const now = useNow(1000, end);
  const left = countdown(new Date(end), now);
  const over = left.totalMs === 0;

  useEffect(() => {
    // The server's sweeper ends it (and sends a notice); ask once now, then useCouple polls.
    if (over) void queryClient.invalidateQueries({ queryKey: coupleQueryKey });
  }, [over, queryClient]);

  const titleRef = useTakeFocus<HTMLParagraphElement>('ending-banner');

  const byMe = couple.endingRequestedBy === me.id;
  const locale = t('app.locale');
  return (
    <section className="ending-banner" aria-labelledby={titleId}>
      <p ref={titleRef} id={titleId} className="ending-title" tabIndex={-1}>
        {byMe
          ? t('couple.ending.byMe')
          : t('couple.ending.byPartner', { name: couple.partner.displayName })}
      </p>
      <p className="ending-countdown">
        <time dateTime={endsAt}>
          {over
            ? t('couple.ending.finishing')
            : t('couple.ending.countdown', { time: formatCountdown(t, left) })}
        </time>
      </p>
      <p className="ending-note">
        {t('couple.ending.endsAt', {
          date: formatDateTime(new Date(end), locale, couple.timeZone, now),
        })}
      </p>
      {cancel.isError && <Banner tone="error">{formErrorMessage(t, cancel.error)}</Banner>}
      <button
        type="button"
        className="button button-primary"
        disabled={cancel.isPending}
        aria-busy={cancel.isPending || undefined}
        onClick={() => cancel.mutate()}
      >
        {cancel.isPending && <span className="spinner" aria-hidden="true" />}
        {t('couple.ending.cancel')}
      </button>
    </section>
  );
}
