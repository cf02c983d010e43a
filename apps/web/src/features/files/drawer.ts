import type { DrawerItem, DrawerResponse } from '@couple-chat/protocol';
import { localDateAt } from '../../lib/dates';

/** The cursor of the page after `last`; undefined ends the endless scroll. */
export function nextDrawerCursor(last: DrawerResponse): string | undefined {
  return last.next ?? undefined;
}

/** A drawer item's identity: a message may hold several files (or links). */
export function drawerItemKey(item: DrawerItem): string {
  return `${item.messageId}:${item.attachment?.id ?? item.url ?? ''}`;
}

/** Pages joined newest first, each item once even if a refetch shifted a page boundary. */
export function drawerItems(pages: readonly DrawerResponse[]): DrawerItem[] {
  const seen = new Set<string>();
  const items: DrawerItem[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      const key = drawerItemKey(item);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  }
  return items;
}

export interface MonthGroup {
  /** YYYY-MM in the couple's time zone. */
  month: string;
  items: DrawerItem[];
}

/** Newest-first items in runs of one calendar month, for the headings between them. */
export function groupByMonth(items: readonly DrawerItem[], timeZone: string): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const item of items) {
    const month = localDateAt(new Date(item.createdAt), timeZone).slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.items.push(item);
    else groups.push({ month, items: [item] });
  }
  return groups;
}

/** "2026년 11월" / "November 2026". */
export function formatMonth(month: string, locale: string): string {
  const [year, monthIndex] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (monthIndex ?? 1) - 1, 15));
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(date);
}
