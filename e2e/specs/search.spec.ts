import { expect, type Page, test } from '@playwright/test';
import { connectedCouple, type Dict, dictionaries, fill } from '../support/ui.js';

const ko = dictionaries.ko;
const en = dictionaries.en;

async function send(page: Page, t: Dict, text: string) {
  const input = page.getByRole('textbox', { name: t.chat.input, exact: true });
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

test('search a word, jump to the oldest match and step through the others; pick a date and land on its first message', async ({
  browser,
}) => {
  const { a, b } = await connectedCouple(browser);
  // Three messages about films (one inflected, one inside a longer word) among others.
  const lines = [
    '오늘 첫 메시지야',
    '영화를 볼까?',
    ...Array.from({ length: 12 }, (_, i) => `그냥 이야기 ${i + 1}`),
    '영화관 가자',
    ...Array.from({ length: 12 }, (_, i) => `다른 이야기 ${i + 1}`),
    '그 영화 진짜 좋았어',
    '마지막 메시지',
  ];
  for (const line of lines) await send(a.page, ko, line);
  await expect(b.page.getByText('마지막 메시지')).toBeVisible();

  // B (English) searches 영화: three results, newest first.
  await b.page.getByRole('button', { name: en.search.title }).click();
  const box = b.page.getByRole('searchbox', { name: en.search.field });
  await box.fill('영화');
  await box.press('Enter');
  const results = b.page.getByRole('list', { name: en.search.results });
  await expect(results.getByRole('button')).toHaveCount(3);
  await expect(results.getByRole('button').first()).toContainText('그 영화 진짜 좋았어');

  // The oldest match: the chat jumps there, the word marked, "3 of 3".
  await results.getByRole('button').filter({ hasText: '영화를 볼까?' }).click();
  await expect(
    b.page
      .getByRole('status')
      .filter({ hasText: fill(en.search.position, { index: 3, total: 3 }) }),
  ).toBeVisible();
  const marked = b.page.locator('mark.search-mark');
  await expect(marked.first()).toHaveText('영화');
  await expect(b.page.locator('.chat-row-highlight')).toContainText('영화를 볼까?');

  // ▼ moves to the newer matches in place.
  await b.page.getByRole('button', { name: en.search.newer }).click();
  await expect(
    b.page
      .getByRole('status')
      .filter({ hasText: fill(en.search.position, { index: 2, total: 3 }) }),
  ).toBeVisible();
  await expect(b.page.locator('.chat-row-highlight')).toContainText('영화관 가자');
  await b.page.getByRole('button', { name: en.search.older }).click();
  await expect(b.page.locator('.chat-row-highlight')).toContainText('영화를 볼까?');
  await b.page.getByRole('button', { name: en.search.close }).click();

  // A picks today in the date picker: the chat shows today's first message, scrolled away before.
  await expect(a.page.getByText('오늘 첫 메시지야')).not.toBeInViewport();
  await a.page.getByRole('button', { name: ko.search.title }).click();
  await a.page.getByRole('button', { name: ko.search.byDate }).click();
  const picker = a.page.getByRole('dialog', { name: ko.search.byDate });
  await expect(picker).toBeVisible();
  await picker
    .getByRole('button', { name: new RegExp(ko.datePicker.withMessages.replace('{{date}}', '.*')) })
    .last()
    .click();
  await expect(a.page.getByText('오늘 첫 메시지야')).toBeInViewport();

  await a.close();
  await b.close();
});
