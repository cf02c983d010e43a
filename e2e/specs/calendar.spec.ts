import { expect, type Page, test } from '@playwright/test';
import { connectedCouple, dictionaries, expectChat, fill, openCalendar } from '../support/ui.js';

const ko = dictionaries.ko;
const en = dictionaries.en;

/** The month's heading, e.g. "2026년 11월" (the toolbar's title between the arrows). */
function monthTitle(page: Page) {
  return page.locator('#month-title');
}

/** Today's button in the month: it carries aria-current="date". */
function todayCell(page: Page) {
  return page.locator('.month-day[aria-current="date"]');
}

test('partners share the calendar live, move between months, and keep D-days with one pinned to the chat', async ({
  browser,
}) => {
  const { a, b } = await connectedCouple(browser);
  await openCalendar(a.page, ko);
  await openCalendar(b.page, en);

  // Both open on this month, today marked and its list shown, with nothing planned yet.
  await expect(todayCell(a.page)).toBeVisible();
  await expect(todayCell(b.page)).toHaveAttribute('aria-pressed', 'true');
  await expect(b.page.getByText(en.calendar.day.empty, { exact: true })).toBeVisible();

  // A adds an event today (titles steer clear of the e2e server's question words).
  const title = '전시회 관람';
  await a.page.getByRole('button', { name: ko.calendar.day.add, exact: true }).click();
  const form = a.page.getByRole('form', { name: ko.calendar.form.addTitle });
  await form.getByLabel(ko.calendar.form.title, { exact: true }).fill(title);
  await form.getByLabel(ko.calendar.form.startTime, { exact: true }).fill('19:30');
  await form.getByLabel(ko.calendar.form.note, { exact: true }).fill('입구에서 만나');
  await form.getByRole('button', { name: ko.calendar.form.save, exact: true }).click();
  await expect(form).toBeHidden();
  await expect(todayCell(a.page).getByText(title)).toBeVisible();

  // B's open calendar shows it live, in today's cell and in today's list, with its time and note.
  await expect(todayCell(b.page).getByText(title)).toBeVisible();
  const panelB = b.page.locator('.day-panel');
  await expect(panelB.getByText('19:30')).toBeVisible();
  await expect(panelB.getByText('입구에서 만나')).toBeVisible();

  // An end before the start is refused on the end date field.
  await a.page.getByRole('button', { name: fill(ko.calendar.day.edit, { title }) }).click();
  const edit = a.page.getByRole('form', { name: ko.calendar.form.editTitle });
  await edit.getByLabel(ko.calendar.form.endDate, { exact: true }).fill('2000-01-01');
  await edit.getByRole('button', { name: ko.calendar.form.save, exact: true }).click();
  await expect(edit.getByText(ko.calendar.form.endBeforeStart, { exact: true })).toBeVisible();
  await edit.getByRole('button', { name: ko.calendar.form.cancel, exact: true }).click();

  // Month navigation: next, previous, next again, and "today" brings this month back.
  const thisMonth = (await monthTitle(b.page).textContent()) ?? '';
  await b.page.getByRole('button', { name: en.calendar.next, exact: true }).click();
  await expect(monthTitle(b.page)).not.toHaveText(thisMonth);
  await expect(todayCell(b.page)).toHaveCount(0);
  const nextMonth = (await monthTitle(b.page).textContent()) ?? '';
  await b.page.getByRole('button', { name: en.calendar.previous, exact: true }).click();
  await expect(monthTitle(b.page)).toHaveText(thisMonth);
  await b.page.getByRole('button', { name: en.calendar.previous, exact: true }).click();
  await expect(monthTitle(b.page)).not.toHaveText(thisMonth);
  await expect(monthTitle(b.page)).not.toHaveText(nextMonth);
  await b.page.getByRole('button', { name: en.calendar.today, exact: true }).click();
  await expect(monthTitle(b.page)).toHaveText(thisMonth);
  await expect(todayCell(b.page).getByText(title)).toBeVisible();

  // Weeks start on Sunday (the Korean convention); B prefers Monday, and the grid follows.
  const firstWeekday = b.page.getByRole('columnheader').first();
  await expect(firstWeekday).toHaveText('Sun');
  await b.page.getByLabel(en.calendar.weekStartsMonday, { exact: true }).check();
  await expect(firstWeekday).toHaveText('Mon');
  await expect(todayCell(b.page).getByText(title)).toBeVisible();

  // A sets a D-day 12 days ahead: D-12 for both.
  const target = await a.page.evaluate(async () => {
    const { today } = (await (await fetch('/api/ddays')).json()) as { today: string };
    return new Date(Date.parse(today) + 12 * 86_400_000).toISOString().slice(0, 10);
  });
  const trip = '가을 여행';
  await a.page.getByLabel(ko.dday.name, { exact: true }).fill(trip);
  await a.page.getByLabel(ko.dday.date, { exact: true }).fill(target);
  await a.page.getByRole('button', { name: ko.dday.add, exact: true }).click();
  const listA = a.page.getByRole('region', { name: ko.dday.listTitle });
  const listB = b.page.getByRole('region', { name: en.dday.listTitle });
  await expect(listA.getByRole('listitem').filter({ hasText: trip })).toContainText('D-12');
  await expect(listB.getByRole('listitem').filter({ hasText: trip })).toContainText('D-12');

  // A deletes it; it leaves both lists.
  await a.page.getByRole('button', { name: fill(ko.dday.remove, { title: trip }) }).click();
  await expect(listA.getByRole('listitem').filter({ hasText: trip })).toHaveCount(0);
  await expect(listB.getByRole('listitem').filter({ hasText: trip })).toHaveCount(0);
  await expect(listB.getByText(en.dday.none, { exact: true })).toBeVisible();

  // A adds another D-day and pins it; B's chat shows it on top as one line.
  const concert = '콘서트';
  await a.page.getByLabel(ko.dday.name, { exact: true }).fill(concert);
  await a.page.getByLabel(ko.dday.date, { exact: true }).fill(target);
  await a.page.getByRole('button', { name: ko.dday.add, exact: true }).click();
  // A click, not check(): the controlled radio turns once the cache has the optimistic pin.
  await a.page.getByRole('radio', { name: concert, exact: true }).click();
  await expect(a.page.getByRole('radio', { name: concert, exact: true })).toBeChecked();
  await b.page.getByRole('link', { name: en.app.name, exact: true }).click();
  await expectChat(b.page, a.user.displayName);
  const pinnedLine = fill(en.dday.pinned.dday, { title: concert, label: 'D-12' });
  await expect(b.page.getByText(pinnedLine, { exact: true })).toBeVisible();

  // Unpinned, the line goes away live.
  await a.page.getByRole('radio', { name: ko.dday.pin.none, exact: true }).click();
  await expect(a.page.getByRole('radio', { name: ko.dday.pin.none, exact: true })).toBeChecked();
  await expect(b.page.getByText(pinnedLine, { exact: true })).toBeHidden();

  await a.close();
  await b.close();
});
