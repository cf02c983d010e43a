import { expect, type Page, test } from '@playwright/test';
import { type Dict, dictionaries, expectChat, fill, partnerIn } from '../support/ui.js';

const ko = dictionaries.ko;
const en = dictionaries.en;

function messageRow(page: Page, text: string) {
  return page.getByRole('listitem').filter({ hasText: text });
}

async function send(page: Page, t: Dict, text: string) {
  const input = page.getByRole('textbox', { name: t.chat.input, exact: true });
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

const koTime = /(오전|오후) \d{1,2}:\d{2}/;
const enTime = /\d{1,2}:\d{2}\s?(AM|PM)/;

test('an invite link connects at once, then the two chat live: times, read marks, typing, deleting and sending while offline', async ({
  browser,
}) => {
  // A reads Korean, B English; B opens A's invite link and both land in the chat.
  const a = await partnerIn(browser, 'ko');
  const b = await partnerIn(browser, 'en');
  const link = await a.page.getByLabel(ko.invite.link, { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Z2-9]{8}$/);
  await b.page.goto(link);
  await expect(
    b.page.getByRole('heading', {
      name: fill(en.acceptInvite.title, { name: a.user.displayName }),
    }),
  ).toBeVisible();
  await b.page.getByRole('button', { name: en.acceptInvite.connect, exact: true }).click();
  await expectChat(b.page, a.user.displayName);
  await expectChat(a.page, b.user.displayName);
  // Both have the app open: each sees the other "online" next to the name (and nothing more).
  await expect(a.page.getByText(ko.chat.online, { exact: true })).toBeVisible();
  await expect(b.page.getByText(en.chat.online, { exact: true })).toBeVisible();

  // A used link stops working.
  const c = await partnerIn(browser, 'ko');
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: ko.acceptInvite.invalidTitle })).toBeVisible();
  await c.close();

  // B is away from the chat (on "Us"), so A's message stays unread: "1".
  await b.page.getByRole('link', { name: en.nav.us, exact: true }).click();
  await expect(b.page).toHaveURL(/\/couple$/);
  const hello = '안녕! 오늘 저녁 뭐 먹을까?';
  await send(a.page, ko, hello);
  const mine = messageRow(a.page, hello);
  await expect(mine).toContainText(koTime);
  await expect(mine.getByText(ko.chat.unread)).toBeVisible();

  // B opens the chat: the message is there with its time, and A's "1" goes away live.
  await b.page.getByRole('link', { name: en.app.name }).click();
  await expect(messageRow(b.page, hello)).toContainText(enTime);
  await expect(mine.getByText(ko.chat.unread)).toBeHidden();

  // B answers; A sees it live.
  const answer = 'Pasta? I can cook tonight.';
  await send(b.page, en, answer);
  await expect(messageRow(a.page, answer)).toContainText(koTime);

  // A types: B sees "… is typing…"; A clears the draft and it goes away.
  const typing = b.page.getByText(fill(en.chat.typing, { name: a.user.displayName }));
  const inputA = a.page.getByRole('textbox', { name: ko.chat.input, exact: true });
  await inputA.fill('음 파스타');
  await expect(typing).toBeVisible();
  await inputA.fill('');
  await expect(typing).toBeHidden();

  // A deletes their own message (right click → Delete → confirm); both see the tombstone.
  const oops = '이건 잘못 보냈어';
  await send(a.page, ko, oops);
  await expect(messageRow(b.page, oops)).toBeVisible();
  await messageRow(a.page, oops).getByText(oops).click({ button: 'right' });
  await a.page.getByRole('menuitem', { name: ko.chat.delete }).click();
  const dialog = a.page.getByRole('dialog', { name: ko.chat.deleteTitle });
  await dialog.getByRole('button', { name: ko.chat.deleteConfirm, exact: true }).click();
  await expect(a.page.getByText(ko.chat.deleted)).toBeVisible();
  await expect(b.page.getByText(en.chat.deleted)).toBeVisible();
  await expect(a.page.getByText(oops)).toBeHidden();
  await expect(b.page.getByText(oops)).toBeHidden();

  // B cannot delete A's message: no options button, and a right click opens no menu.
  const theirs = messageRow(b.page, hello);
  await expect(theirs.getByRole('button', { name: en.chat.options })).toHaveCount(0);
  await theirs.getByText(hello).click({ button: 'right' });
  await expect(b.page.getByRole('menuitem', { name: en.chat.delete })).toHaveCount(0);
  await b.page.keyboard.press('Escape');

  // Offline, A's message waits as pending; back online it is delivered to B exactly once.
  await a.context.setOffline(true);
  const later = '지하철이라 신호가 약해. 곧 도착!';
  await send(a.page, ko, later);
  const pending = messageRow(a.page, later);
  await expect(pending.getByText(ko.chat.pending)).toBeVisible();
  await expect(b.page.getByText(later)).toBeHidden();
  await a.context.setOffline(false);
  await expect(b.page.getByText(later)).toHaveCount(1);
  await expect(pending.getByText(ko.chat.pending)).toBeHidden();
  await expect(pending).toContainText(koTime);
  // After a reload both still see it once (the outbox did not resend a duplicate).
  await a.page.reload();
  await expect(a.page.getByText(later)).toHaveCount(1);
  await expect(b.page.getByText(later)).toHaveCount(1);

  await a.close();
  await b.close();
});
