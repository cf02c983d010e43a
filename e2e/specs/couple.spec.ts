import { expect, type Page, test } from '@playwright/test';
import {
  type Dict,
  dictionaries,
  expectChat,
  fill,
  openCouple,
  partnerIn,
  type User,
} from '../support/ui.js';

const DAY = 24 * 60 * 60 * 1000;

function coupleHeading(page: Page, t: Dict, other: User) {
  return page.getByRole('heading', { name: fill(t.couple.title, { name: other.displayName }) });
}

/** Moves the server's clock (TEST_CLOCK) and runs the grace-period sweeper. */
async function advanceServerClock(page: Page, ms: number) {
  const res = await page.request.post('/api/test/clock', { data: { advanceMs: ms } });
  expect(res.status()).toBe(200);
}

// Connecting by invite link is the set-up of chat.spec.ts (sign-ups per IP are limited, so specs share them).
test.describe('two partners in two browsers', () => {
  test('request, approve, ask to end, cancel, ask again, and 7 days later both are single', async ({
    browser,
  }) => {
    const ko = dictionaries.ko;
    const en = dictionaries.en;
    // Partner A uses Korean, partner B English: each sees the other's actions in their own language.
    const a = await partnerIn(browser, 'ko');
    const b = await partnerIn(browser, 'en');

    // A asks B by username; B sees the request arrive without reloading.
    await a.page.getByLabel(ko.requests.username, { exact: true }).fill(b.user.username);
    await a.page.getByRole('button', { name: ko.requests.send, exact: true }).click();
    await expect(
      a.page.getByText(
        fill(ko.requests.sentTo, { name: b.user.displayName, username: b.user.username }),
      ),
    ).toBeVisible();
    const approve = b.page.getByRole('button', {
      name: fill(en.requests.approve, { name: a.user.displayName }),
    });
    await expect(approve).toBeVisible();
    await approve.click();

    // Both land in the chat: B at once, A live through the real-time channel; "Us" shows the couple.
    await expectChat(b.page, a.user.displayName);
    await expectChat(a.page, b.user.displayName);
    await openCouple(b.page, en);
    await expect(coupleHeading(b.page, en, a.user)).toBeVisible();
    await openCouple(a.page, ko);
    await expect(coupleHeading(a.page, ko, b.user)).toBeVisible();

    // A asks to end the connection; the dialog explains the 7 days first.
    await a.page.getByRole('button', { name: ko.couple.end.open, exact: true }).click();
    const dialog = a.page.getByRole('dialog', { name: ko.couple.end.dialogTitle });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(fill(ko.couple.end.graceNote, { days: 7 }))).toBeVisible();
    await dialog.getByRole('button', { name: fill(ko.couple.end.confirm, { days: 7 }) }).click();

    // B sees the banner with a live countdown, and cancels.
    const bannerB = b.page.getByRole('region', {
      name: fill(en.couple.ending.byPartner, { name: a.user.displayName }),
    });
    await expect(bannerB).toBeVisible();
    await expect(bannerB).toContainText(/Connection ends in 6d 23h 59m \d+s/);
    const first = await bannerB.textContent();
    await expect(async () => expect(await bannerB.textContent()).not.toBe(first)).toPass();
    await bannerB.getByRole('button', { name: en.couple.ending.cancel }).click();
    await expect(bannerB).toBeHidden();
    await expect(a.page.getByRole('region', { name: ko.couple.ending.byMe })).toBeHidden();
    await expect(
      a.page.getByText(
        fill(ko.couple.history.partner.endingCancelled, { name: b.user.displayName }),
      ),
    ).toBeVisible();

    // A asks again; seven days pass on the server; both are single again.
    await a.page.getByRole('button', { name: ko.couple.end.open, exact: true }).click();
    await a.page
      .getByRole('dialog', { name: ko.couple.end.dialogTitle })
      .getByRole('button', { name: fill(ko.couple.end.confirm, { days: 7 }) })
      .click();
    await expect(a.page.getByRole('region', { name: ko.couple.ending.byMe })).toBeVisible();
    await expect(bannerB).toBeVisible();
    await advanceServerClock(a.page, 7 * DAY);
    // Both were on "Us", which no longer exists for them: home shows the ways to connect again.
    await expect(a.page.getByRole('heading', { name: ko.invite.title })).toBeVisible();
    await expect(b.page.getByRole('heading', { name: en.invite.title })).toBeVisible();
    await expect(a.page).toHaveURL(/\/$/);
    await expect(coupleHeading(a.page, ko, b.user)).toBeHidden();
    await expect(a.page.getByRole('link', { name: ko.nav.us, exact: true })).toBeHidden();

    await a.close();
    await b.close();
  });
});
