import { expect, test } from '@playwright/test';
import { resetLinkFor } from '../support/outbox.js';
import { dictionaries, expectHome, logIn, newUser, openSettings, signUp } from '../support/ui.js';

test.describe('accounts, the whole journey', () => {
  for (const lang of ['ko', 'en'] as const) {
    test(`sign up, log out, log in, change password, reset it, delete the account (${lang})`, async ({
      page,
    }, testInfo) => {
      const t = dictionaries[lang];
      const user = newUser(lang);
      await page.goto('/login');
      // Korean is the default; the English pass switches with the button every page shows.
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }

      await signUp(page, t, user);

      // Log out, then log in with the e-mail address.
      await openSettings(page, t);
      await page.getByRole('button', { name: t.settings.sessions.logOut, exact: true }).click();
      await expect(page).toHaveURL(/\/login$/);
      await logIn(page, t, user.email.toUpperCase(), user.password);
      await expectHome(page, t, user);

      // Change the password: the wrong current one is refused under its field.
      const second = `두 번째 password ${Date.now()}`;
      await openSettings(page, t);
      const form = page.getByRole('form', { name: t.settings.password.title });
      await form.getByLabel(t.settings.password.current, { exact: true }).fill('not my password');
      await form.getByLabel(t.settings.password.new, { exact: true }).fill(second);
      await form.getByRole('button', { name: t.settings.password.submit, exact: true }).click();
      await expect(form.getByText(t.fieldErrors.wrongPassword)).toBeVisible();
      await form.getByLabel(t.settings.password.current, { exact: true }).fill(user.password);
      await form.getByRole('button', { name: t.settings.password.submit, exact: true }).click();
      await expect(page.getByText(t.settings.password.changed)).toBeVisible();

      await page.getByRole('button', { name: t.settings.sessions.logOut, exact: true }).click();
      await logIn(page, t, user.username, user.password);
      await expect(page.getByRole('alert')).toContainText(t.errors.invalidCredentials);
      await logIn(page, t, user.username, second);
      await expectHome(page, t, user);

      // Forget it: request a link, follow it from the e-mail, set a third password.
      await openSettings(page, t);
      await page.getByRole('button', { name: t.settings.sessions.logOut, exact: true }).click();
      await page.getByRole('link', { name: t.login.forgotPassword }).click();
      await page.getByLabel(t.forgotPassword.email, { exact: true }).fill(user.email);
      await page.getByRole('button', { name: t.forgotPassword.submit, exact: true }).click();
      await expect(page.getByText(t.forgotPassword.sentTitle)).toBeVisible();
      const link = await resetLinkFor(testInfo.project.name, user.email);
      await page.goto(link);
      // The token leaves the address bar once read.
      await expect(page).toHaveURL(/\/reset-password$/);
      const third = `세 번째 password ${Date.now()}`;
      await page.getByLabel(t.resetPassword.newPassword, { exact: true }).fill(third);
      await page.getByRole('button', { name: t.resetPassword.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByText(t.notices.passwordReset)).toBeVisible();
      // The link works once.
      await page.goto(link);
      await page.getByLabel(t.resetPassword.newPassword, { exact: true }).fill(`another ${third}`);
      await page.getByRole('button', { name: t.resetPassword.submit, exact: true }).click();
      await expect(page.getByRole('alert')).toContainText(t.errors.invalidResetToken);
      await logIn(page, t, user.username, third);
      await expectHome(page, t, user);

      // Delete the account: it needs the password and the confirmation.
      await openSettings(page, t);
      const danger = page.getByRole('form', { name: t.settings.danger.title });
      await danger.getByLabel(t.settings.danger.password, { exact: true }).fill(third);
      await danger.getByRole('button', { name: t.settings.danger.submit, exact: true }).click();
      await expect(danger.getByText(t.fieldErrors.confirmRequired)).toBeVisible();
      await danger.getByLabel(t.settings.danger.confirm).check();
      await danger.getByRole('button', { name: t.settings.danger.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByText(t.notices.accountDeleted)).toBeVisible();
      await logIn(page, t, user.username, third);
      await expect(page.getByRole('alert')).toContainText(t.errors.invalidCredentials);
    });
  }
});

test.describe('sign-up form', () => {
  test('shows field-level errors in Korean and keeps a taken username out', async ({ page }) => {
    const t = dictionaries.ko;
    await page.goto('/signup');
    await page.getByRole('button', { name: t.signup.submit, exact: true }).click();
    await expect(page.getByText(t.fieldErrors.required).first()).toBeVisible();
    await page.getByLabel(t.signup.password, { exact: true }).fill('1234567');
    await page.getByRole('button', { name: t.signup.submit, exact: true }).click();
    await expect(page.getByText('8자 이상 입력해 주세요.')).toBeVisible();

    const first = newUser('ko');
    await signUp(page, t, first);
    await openSettings(page, t);
    await page.getByRole('button', { name: t.settings.sessions.logOut, exact: true }).click();

    const second = { ...newUser('ko'), username: first.username.toUpperCase() };
    await page.goto('/signup');
    await page.getByLabel(t.signup.username, { exact: true }).fill(second.username);
    await page.getByLabel(t.signup.email, { exact: true }).fill(second.email);
    await page.getByLabel(t.signup.displayName, { exact: true }).fill(second.displayName);
    await page.getByLabel(t.signup.password, { exact: true }).fill(second.password);
    await page.getByRole('button', { name: t.signup.submit, exact: true }).click();
    const username = page.getByLabel(t.signup.username, { exact: true });
    await expect(page.getByText(t.fieldErrors.usernameTaken)).toBeVisible();
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/signup$/);
  });
});

test.describe('two devices of one person', () => {
  test('changing the password on one device logs the other out; "everywhere" ends both', async ({
    browser,
  }) => {
    const t = dictionaries.ko;
    const phone = await browser.newPage();
    const laptop = await browser.newPage();
    const user = newUser('ko');
    await signUp(phone, t, user);
    await logIn(laptop, t, user.username, user.password);
    await expectHome(laptop, t, user);

    const next = `새 비밀번호 ${Date.now()}`;
    await openSettings(phone, t);
    const form = phone.getByRole('form', { name: t.settings.password.title });
    await form.getByLabel(t.settings.password.current, { exact: true }).fill(user.password);
    await form.getByLabel(t.settings.password.new, { exact: true }).fill(next);
    await form.getByRole('button', { name: t.settings.password.submit, exact: true }).click();
    await expect(phone.getByText(t.settings.password.changed)).toBeVisible();

    await laptop.reload();
    await expect(laptop).toHaveURL(/\/login$/);
    await phone.reload();
    await expect(phone).toHaveURL(/\/settings$/);

    await logIn(laptop, t, user.username, next);
    await expectHome(laptop, t, user);
    await phone
      .getByRole('button', { name: t.settings.sessions.logOutEverywhere, exact: true })
      .click();
    await expect(phone).toHaveURL(/\/login$/);
    await laptop.reload();
    await expect(laptop).toHaveURL(/\/login$/);
    await phone.context().close();
    await laptop.context().close();
  });
});
