import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  connectedCouple,
  type Dict,
  dictionaries,
  expectChat,
  fill,
  openQuestions,
} from '../support/ui.js';

const ko = dictionaries.ko;
const en = dictionaries.en;

// The e2e server asks from the built-in bank's food and picnic keywords (e2e/start-server.ts). A
// couple's first question about food is the bank's first food question.
const food = foodQuestion();

function foodQuestion(): { ko: string; en: string } {
  const bank = JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, '../../apps/server/src/questions/question-bank.json'),
      'utf8',
    ),
  ) as { keywords: { id: string; questions: { ko: string; en: string }[] }[] };
  const first = bank.keywords.find((k) => k.id === 'food')?.questions[0];
  if (!first) throw new Error('the built-in bank has no food question');
  return first;
}

function composer(page: Page, t: Dict) {
  return page.getByRole('textbox', { name: t.chat.input, exact: true });
}

async function send(page: Page, t: Dict, text: string) {
  const input = composer(page, t);
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

/** A question's card in the chat, named by the question as the reader's language puts it. */
function card(page: Page, text: string) {
  return page.getByRole('article', { name: text });
}

async function answer(page: Page, t: Dict, question: string, text: string) {
  const box = card(page, question);
  await box.getByRole('textbox', { name: t.questions.answer.label }).fill(text);
  await box.getByRole('button', { name: t.questions.answer.submit, exact: true }).click();
}

test('a word brings up a question for both; each must answer before chatting on, and the answers are revealed together and kept in the archive', async ({
  browser,
}) => {
  const { a, b } = await connectedCouple(browser);

  // A mentions food (음식은: with a particle): the question pops up for both, live, in each
  // one's language.
  await send(a.page, ko, '오늘 음식은 뭐 먹을까?');
  const cardA = card(a.page, food.ko);
  const cardB = card(b.page, food.en);
  await expect(cardA).toBeVisible();
  await expect(cardB).toBeVisible();
  await expect(cardA.getByText(fill(ko.questions.because, { word: '음식' }))).toBeVisible();
  await expect(cardB.getByText(fill(en.questions.because, { word: '음식' }))).toBeVisible();

  // Neither can chat on: the composer is locked and says why; its button leads to the answer box.
  for (const [page, t] of [
    [a.page, ko],
    [b.page, en],
  ] as const) {
    await expect(composer(page, t)).toBeDisabled();
    await expect(page.getByText(t.chat.locked, { exact: true })).toBeVisible();
  }
  await a.page.getByRole('button', { name: ko.chat.toQuestion, exact: true }).click();
  await expect(cardA.getByRole('textbox', { name: ko.questions.answer.label })).toBeFocused();

  // A answers: B learns that A did, not what; A keeps the answer (editable) and may chat again.
  const answerA = '김밥이랑 돗자리!';
  await answer(a.page, ko, food.ko, answerA);
  await expect(cardA.getByText(answerA, { exact: true })).toBeVisible();
  await expect(
    cardA.getByText(fill(ko.questions.answer.waitingForPartner, { name: b.user.displayName })),
  ).toBeVisible();
  await expect(cardA.getByRole('button', { name: ko.questions.answer.edit })).toBeVisible();
  await expect(
    cardB.getByText(fill(en.questions.answer.partnerAnswered, { name: a.user.displayName })),
  ).toBeVisible();
  await expect(b.page.getByText(answerA)).toHaveCount(0);
  await expect(composer(a.page, ko)).toBeEnabled();
  await expect(a.page.getByText(ko.chat.locked, { exact: true })).toBeHidden();
  const meanwhile = '나 먼저 답했어!';
  await send(a.page, ko, meanwhile);
  await expect(b.page.getByText(meanwhile)).toBeVisible();
  await expect(composer(b.page, en)).toBeDisabled();

  // B answers: both see both answers at once, with whose each is; B's composer opens.
  const answerB = 'A thermos of warm barley tea.';
  await answer(b.page, en, food.en, answerB);
  for (const [box, t, partnerName] of [
    [cardA, ko, b.user.displayName],
    [cardB, en, a.user.displayName],
  ] as const) {
    await expect(box.getByText(answerA, { exact: true })).toBeVisible();
    await expect(box.getByText(answerB, { exact: true })).toBeVisible();
    await expect(box.getByText(partnerName, { exact: true })).toBeVisible();
    await expect(box.getByText(t.questions.me, { exact: true })).toBeVisible();
  }
  await expect(composer(b.page, en)).toBeEnabled();
  await expect(cardA.getByRole('textbox')).toHaveCount(0);

  // After a reload the revealed card is still right after the message that brought it up.
  await a.page.reload();
  await expect(cardA.getByText(answerB, { exact: true })).toBeVisible();

  // The archive lists the question with both answers and its date; search and filter find it.
  await openQuestions(a.page, ko);
  const archive = a.page.getByRole('list', { name: ko.questions.archive.results });
  const entry = archive.getByRole('listitem').filter({ hasText: food.ko }).first();
  await expect(entry).toContainText(answerA);
  await expect(entry).toContainText(answerB);
  await expect(entry).toContainText(b.user.displayName);
  await expect(entry.locator('time')).toHaveCount(1);
  await a.page.getByRole('searchbox', { name: ko.questions.archive.search }).fill('보리차');
  await expect(a.page.getByText(ko.questions.archive.noResults)).toBeVisible();
  await a.page.getByRole('searchbox', { name: ko.questions.archive.search }).fill('barley');
  await expect(entry).toBeVisible();
  await a.page.getByRole('radio', { name: ko.questions.principle.self_understanding }).check();
  await expect(a.page.getByText(ko.questions.archive.noResults)).toBeVisible();
  await a.page.getByRole('radio', { name: ko.questions.principle.understanding_partner }).check();
  await expect(entry).toBeVisible();

  await openQuestions(b.page, en);
  const archiveB = b.page.getByRole('list', { name: en.questions.archive.results });
  await expect(archiveB).toContainText(food.en);
  await expect(archiveB).toContainText(answerA);
  await expect(archiveB).toContainText(answerB);

  await a.close();
  await b.close();
});

test('our own question and a keyword turned off; a message refused for an unanswered question waits and goes out once answered', async ({
  browser,
}) => {
  const { a, b } = await connectedCouple(browser);

  // A adds a question of their own in the settings: a word the chat cannot match is refused.
  await openQuestions(a.page, ko);
  await a.page.getByRole('link', { name: ko.questions.tabs.settings, exact: true }).click();
  const word = a.page.getByRole('textbox', { name: ko.questions.settings.word, exact: true });
  const text = a.page.getByRole('textbox', { name: ko.questions.settings.text, exact: true });
  const add = a.page.getByRole('button', { name: ko.questions.settings.add, exact: true });
  await word.fill('!!!');
  await text.fill('이건 질문이 될 수 없어');
  await add.click();
  await expect(a.page.getByText(ko.fieldErrors.unmatchableWord)).toBeVisible();
  await expect(word).toHaveAttribute('aria-invalid', 'true');
  const own = '떡볶이는 어느 집이 제일 맛있어?';
  await word.fill('떡볶이를');
  await text.fill(own);
  await add.click();
  await expect(
    a.page.getByText(fill(ko.questions.settings.added, { word: '떡볶이' })),
  ).toBeVisible();
  await expect(a.page.getByText(own, { exact: true })).toBeVisible();

  // A turns the picnic keyword off: 소풍 no longer brings its question up.
  await a.page.getByRole('searchbox', { name: ko.questions.settings.keywordsSearch }).fill('소풍');
  const toggle = a.page.getByRole('switch', {
    name: fill(ko.questions.settings.keywordToggle, { label: '소풍' }),
  });
  await expect(toggle).toBeChecked();
  const saved = a.page.waitForResponse(
    (r) => r.url().includes('/api/question-keywords/') && r.request().method() === 'PUT',
  );
  await toggle.uncheck();
  expect((await saved).ok()).toBe(true);
  await a.page.getByRole('link', { name: ko.app.name }).click();
  await expectChat(a.page, b.user.displayName);
  await send(a.page, ko, '소풍 가고 싶다');
  await send(a.page, ko, '그냥 해 본 말이야');
  await expect(b.page.getByText('그냥 해 본 말이야')).toBeVisible();
  await expect(a.page.getByRole('article')).toHaveCount(0);
  await expect(composer(b.page, en)).toBeEnabled();

  // B is offline with a message waiting to go out when A's word brings up our own question.
  await b.context.setOffline(true);
  const waiting = 'What shall we eat tonight?';
  await send(b.page, en, waiting);
  await send(a.page, ko, '떡볶이 먹으러 갈래?');
  const cardA = card(a.page, own);
  await expect(cardA).toBeVisible();
  await expect(cardA.getByText(ko.questions.principle.custom, { exact: true })).toBeVisible();

  // Back online, B finds the question waiting; the server refuses B's message until B answers,
  // and it is kept (not failed), then goes out by itself once B has answered.
  await b.context.setOffline(false);
  const cardB = card(b.page, own);
  await expect(cardB).toBeVisible();
  await expect(composer(b.page, en)).toBeDisabled();
  const held = b.page.getByRole('listitem').filter({ hasText: waiting });
  await expect(held.getByText(en.chat.held, { exact: true })).toBeVisible();
  await expect(held.getByText(en.chat.failed)).toHaveCount(0);
  await expect(a.page.getByText(waiting)).toHaveCount(0);

  await answer(b.page, en, own, '신전떡볶이, no question.');
  await expect(a.page.getByText(waiting)).toHaveCount(1);
  await expect(held.getByText(en.chat.held, { exact: true })).toBeHidden();
  await answer(a.page, ko, own, '학교 앞 분식집!');
  await expect(cardB.getByText('학교 앞 분식집!', { exact: true })).toBeVisible();
  await expect(cardA.getByText('신전떡볶이, no question.', { exact: true })).toBeVisible();
  await b.page.reload();
  await expect(b.page.getByText(waiting)).toHaveCount(1);

  await a.close();
  await b.close();
});
