import { dDay, type Milestone, nextMilestone } from '@couple-chat/dates';
import type { DdaysResponse } from '@couple-chat/protocol';
import type { TFunction } from 'i18next';

type Translate = TFunction<'translation'>;

/** What the chat shows on top: a D-day with its label, or the days left to the next milestone. */
export type PinnedItem =
  | { kind: 'dday'; title: string; label: string }
  | { kind: 'milestone'; days: number; milestone: Milestone };

/** The pinned item, or null when nothing is pinned or it no longer exists (a deleted D-day). */
export function pinnedItem(data: DdaysResponse): PinnedItem | null {
  const { pinned, today } = data;
  if (pinned.kind === 'dday') {
    const dday = data.ddays.find((d) => d.id === pinned.id);
    return dday ? { kind: 'dday', title: dday.title, label: dDay(dday.date, today).label } : null;
  }
  if (pinned.kind === 'next_milestone' && data.startDate) {
    const milestone = nextMilestone(data.startDate, today);
    return milestone
      ? { kind: 'milestone', days: dDay(milestone.date, today).days, milestone }
      : null;
  }
  return null;
}

/** "100일" / "1주년" · "100 days" / "1 year". */
export function milestoneName(t: Translate, milestone: Milestone): string {
  return milestone.kind === 'days'
    ? t('calendar.milestone.days', { count: milestone.n })
    : t('calendar.milestone.years', { count: milestone.n });
}

/** "여행 D-12" · "다음 기념일까지 12일 · 300일" · "오늘은 300일이에요". */
export function pinnedText(t: Translate, item: PinnedItem): string {
  if (item.kind === 'dday') return t('dday.pinned.dday', { title: item.title, label: item.label });
  const name = milestoneName(t, item.milestone);
  return item.days === 0
    ? t('dday.pinned.milestoneToday', { name })
    : t('dday.pinned.milestone', { count: item.days, name });
}
