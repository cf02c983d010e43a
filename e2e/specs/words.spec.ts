import { expect, type Page, test } from '@playwright/test';
import { connectedCouple, type Dict, dictionaries, fill, openWords } from '../support/ui.js';

const ko = dictionaries.ko;
const en = dictionaries.en;

async function send(page: Page, t: Dict, text: string) {
  const input = page.getByRole('textbox', { name: t.chat.input, exact: true });
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

function chart(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

/** A row as a screen reader reads it: "음식 2회" / "food, 2 times" (the bar itself is hidden). */
function row(page: Page, t: Dict, chartName: string, word: string, count: number) {
  return chart(page, chartName).getByText(fill(t.words.spoken_other, { word, count }), {
    exact: true,
  });
}

test('two partners see their most used words of the week, exclude one live, bring it back, and keep their top-N choice', async ({
  browser,
}) => {
  // A reads Korean, B English; both chat in Korean with particles, which the ranking must see through.
  const { a, b } = await connectedCouple(browser);

  // Nouns no question is tied to: a keyword such as 음식 would ask one and pause the chat until answered.
  for (const text of ['가방을 샀어', '가방이 예뻐']) await send(a.page, ko, text);
  for (const text of ['버스 탔어', '버스는 늦네']) await send(b.page, en, text);
  await expect(a.page.getByText('버스는 늦네')).toBeVisible();
  await expect(b.page.getByText('가방이 예뻐')).toBeVisible();

  // 가방을 and 가방이 are one word, 가방, counted twice in A's column; 버스 twice in B's.
  await openWords(a.page, ko);
  await openWords(b.page, en);
  await expect(a.page.getByText(/\d{1,2}월 \d{1,2}일 – \d{1,2}월 \d{1,2}일/)).toBeVisible();
  await expect(row(a.page, ko, ko.words.me, '가방', 2)).toBeVisible();
  await expect(row(a.page, ko, b.user.displayName, '버스', 2)).toBeVisible();
  await expect(row(a.page, ko, ko.words.together, '가방', 2)).toBeVisible();
  await expect(row(b.page, en, en.words.me, '버스', 2)).toBeVisible();
  await expect(row(b.page, en, a.user.displayName, '가방', 2)).toBeVisible();
  await expect(chart(a.page, ko.words.me).getByText('가방을')).toHaveCount(0);

  // A excludes 가방 with one tap; it leaves A's page at once and B's open page without a reload.
  await chart(a.page, ko.words.me)
    .getByRole('button', { name: fill(ko.words.exclude, { word: '가방' }) })
    .click();
  await expect(a.page.getByText(fill(ko.words.notice.excludedOne, { word: '가방' }))).toBeVisible();
  await expect(row(a.page, ko, ko.words.me, '가방', 2)).toBeHidden();
  await expect(row(b.page, en, a.user.displayName, '가방', 2)).toBeHidden();
  await expect(row(b.page, en, en.words.together, '가방', 2)).toBeHidden();
  await expect(row(b.page, en, en.words.me, '버스', 2)).toBeVisible();

  // A brings it back from the folded list of excluded words; both see it return.
  await a.page.getByText(fill(ko.words.exclusions.summary, { count: 1 }), { exact: true }).click();
  const excludedBy = a.page.getByText(ko.words.exclusions.byMe, { exact: true });
  await expect(excludedBy).toBeVisible();
  await a.page
    .getByRole('button', { name: fill(ko.words.exclusions.restore, { word: '가방' }) })
    .click();
  await expect(row(a.page, ko, ko.words.me, '가방', 2)).toBeVisible();
  await expect(row(b.page, en, a.user.displayName, '가방', 2)).toBeVisible();
  await expect(a.page.getByText(ko.words.exclusions.none, { exact: true })).toBeVisible();

  // A typed word: nothing countable is refused on the field; "버스는" excludes 버스, and undo restores it.
  const field = a.page.getByRole('textbox', { name: ko.words.exclusions.word, exact: true });
  const submit = a.page.getByRole('button', { name: ko.words.exclusions.submit, exact: true });
  await field.fill('!!!');
  await submit.click();
  await expect(a.page.getByText(ko.fieldErrors.invalidWord, { exact: true })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('버스는');
  await submit.click();
  await expect(a.page.getByText(fill(ko.words.notice.excludedOne, { word: '버스' }))).toBeVisible();
  await expect(field).toHaveValue('');
  await expect(row(b.page, en, en.words.me, '버스', 2)).toBeHidden();
  await a.page.getByRole('button', { name: ko.words.notice.undo, exact: true }).click();
  await expect(row(b.page, en, en.words.me, '버스', 2)).toBeVisible();
  await expect(row(a.page, ko, b.user.displayName, '버스', 2)).toBeVisible();

  // The top-N choice is each partner's own and survives a reload; together there are six words.
  const top3 = a.page.getByRole('radio', { name: fill(ko.words.size.option, { size: 3 }) });
  const togetherRows = chart(a.page, ko.words.together).getByRole('listitem');
  await expect(
    a.page.getByRole('radio', { name: fill(ko.words.size.option, { size: 5 }) }),
  ).toBeChecked();
  await expect(togetherRows).toHaveCount(5);
  const saved = a.page.waitForResponse(
    (r) => r.url().endsWith('/api/word-ranking/settings') && r.request().method() === 'PUT',
  );
  await top3.check();
  await expect(top3).toBeChecked();
  expect((await saved).status()).toBe(200);
  await expect(togetherRows).toHaveCount(3);
  await a.page.reload();
  await expect(
    a.page.getByRole('radio', { name: fill(ko.words.size.option, { size: 3 }) }),
  ).toBeChecked();
  await expect(togetherRows).toHaveCount(3);
  await b.page.reload();
  await expect(
    b.page.getByRole('radio', { name: fill(en.words.size.option, { size: 5 }) }),
  ).toBeChecked();

  await a.close();
  await b.close();
});
