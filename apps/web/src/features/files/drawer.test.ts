import type { DrawerItem, DrawerResponse, DrawerTab } from '@couple-chat/protocol';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { drawerItems, formatMonth, groupByMonth, nextDrawerCursor } from './drawer';
import { drawerQuery } from './useDrawer';

const item = (n: number, createdAt = '2026-11-25T10:00:00.000Z'): DrawerItem => ({
  messageId: `m${n}`,
  seq: n,
  senderId: 'u1',
  createdAt,
  url: `https://example.com/${n}`,
});

/** A server of 5 links, newest first, 2 per page, with "seq.0" cursors. */
function fakeServer() {
  const all = [5, 4, 3, 2, 1].map((n) => item(n));
  return vi.fn(async (_tab: DrawerTab, before: string | undefined): Promise<DrawerResponse> => {
    const from = before ? all.findIndex((i) => `${i.seq}.0` === before) + 1 : 0;
    const items = all.slice(from, from + 2);
    const last = items.at(-1);
    const more = from + 2 < all.length;
    return { items, next: more && last ? `${last.seq}.0` : null };
  });
}

describe('drawer paging', () => {
  it('asks for each next page with the previous page’s cursor, until there is none', async () => {
    const fetchPage = fakeServer();
    const queryClient = new QueryClient();
    const options = drawerQuery('links', fetchPage);
    await queryClient.fetchInfiniteQuery({ ...options, pages: 5 });
    expect(fetchPage.mock.calls.map(([tab, before]) => [tab, before])).toEqual([
      ['links', undefined],
      ['links', '4.0'],
      ['links', '2.0'],
    ]);
    const data = queryClient.getQueryData(options.queryKey);
    expect(drawerItems(data?.pages ?? []).map((i) => i.seq)).toEqual([5, 4, 3, 2, 1]);
    // The last page says there is no next one, and the query knows it.
    expect(data?.pages.at(-1)?.next).toBeNull();
    expect(nextDrawerCursor(data?.pages.at(-1) as DrawerResponse)).toBeUndefined();
  });

  it('keeps each item once when a refetch shifted a page boundary', () => {
    const pages: DrawerResponse[] = [
      { items: [item(6), item(5)], next: '5.0' },
      { items: [item(5), item(4)], next: null },
    ];
    expect(drawerItems(pages).map((i) => i.seq)).toEqual([6, 5, 4]);
  });

  it('a message with two files keeps both', () => {
    const base = item(1);
    const file = (id: string): DrawerItem => ({
      ...base,
      url: undefined,
      attachment: {
        id,
        kind: 'file',
        name: `${id}.pdf`,
        mime: 'application/pdf',
        size: 10,
        width: null,
        height: null,
        durationMs: null,
        placeholder: null,
        animated: false,
        variants: [],
      },
    });
    expect(drawerItems([{ items: [file('a'), file('b')], next: null }])).toHaveLength(2);
  });
});

describe('groupByMonth', () => {
  it('cuts newest-first items into months of the couple’s time zone', () => {
    const items = [
      item(3, '2026-12-01T01:00:00.000Z'),
      // 2026-11-30 23:30 UTC is already December 1st in Seoul.
      item(2, '2026-11-30T23:30:00.000Z'),
      item(1, '2026-11-30T10:00:00.000Z'),
    ];
    expect(groupByMonth(items, 'Asia/Seoul').map((g) => [g.month, g.items.length])).toEqual([
      ['2026-12', 2],
      ['2026-11', 1],
    ]);
    expect(groupByMonth(items, 'UTC').map((g) => [g.month, g.items.length])).toEqual([
      ['2026-12', 1],
      ['2026-11', 2],
    ]);
  });

  it('names a month in each language', () => {
    expect(formatMonth('2026-11', 'ko')).toBe('2026년 11월');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
  });
});
