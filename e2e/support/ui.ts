import { type Browser, expect, type Page } from '@playwright/test';
import { en } from '../../apps/web/src/i18n/en.js';
import { ko } from '../../apps/web/src/i18n/ko.js';

export type Dict = typeof ko;
export const dictionaries = { ko, en: en as Dict } as const;
export type Lang = keyof typeof dictionaries;

/** Fills `{{name}}` placeholders the way i18next does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

let counter = 0;
export function newUser(tag: string) {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1000)}`;
  return {
    username: `${tag}_${id}`,
    email: `${tag}.${id}@example.com`,
    displayName: tag === 'en' ? `Sam ${counter}` : `민지 ${counter}`,
    password: `첫 비밀번호 ${id}!`,
  };
}

export type User = ReturnType<typeof newUser>;

export async function signUp(page: Page, t: Dict, user: User) {
  await page.goto('/signup');
  await page.getByLabel(t.signup.username, { exact: true }).fill(user.username);
  await page.getByLabel(t.signup.email, { exact: true }).fill(user.email);
  await page.getByLabel(t.signup.displayName, { exact: true }).fill(user.displayName);
  await page.getByLabel(t.signup.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: t.signup.submit, exact: true }).click();
  await expectHome(page, t, user);
}

export async function logIn(page: Page, t: Dict, login: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(t.login.login, { exact: true }).fill(login);
  await page.getByLabel(t.login.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.login.submit, exact: true }).click();
}

export async function expectHome(page: Page, t: Dict, user: User) {
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: fill(t.home.greeting, { name: user.displayName }),
    }),
  ).toBeVisible();
}

export async function openSettings(page: Page, t: Dict) {
  await page.getByRole('link', { name: t.nav.settings, exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
}

/** In a couple, home is the chat: its heading is the partner's name. */
export async function expectChat(page: Page, partnerName: string) {
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole('heading', { level: 1, name: partnerName, exact: true }),
  ).toBeVisible();
}

/** The "Us" page: the couple card, settings, history, export and ending the connection. */
export async function openCouple(page: Page, t: Dict) {
  await page.getByRole('link', { name: t.nav.us, exact: true }).click();
  await expect(page).toHaveURL(/\/couple$/);
}

/** The 7-day word ranking, from the signed-in navigation. */
export async function openWords(page: Page, t: Dict) {
  await page.getByRole('link', { name: t.nav.words, exact: true }).click();
  await expect(page).toHaveURL(/\/words$/);
  await expect(page.getByRole('heading', { level: 1, name: t.words.title })).toBeVisible();
}

/** The questions page (the archive of answers, and the question settings), from the navigation. */
export async function openQuestions(page: Page, t: Dict) {
  await page.getByRole('link', { name: t.nav.questions, exact: true }).click();
  await expect(page).toHaveURL(/\/questions$/);
  await expect(page.getByRole('heading', { level: 1, name: t.questions.title })).toBeVisible();
}

/** The shared calendar with the D-days, from the signed-in navigation. */
export async function openCalendar(page: Page, t: Dict) {
  await page.getByRole('link', { name: t.nav.calendar, exact: true }).click();
  await expect(page).toHaveURL(/\/calendar$/);
  await expect(page.getByRole('heading', { level: 1, name: t.calendar.title })).toBeVisible();
}

/** One partner in a browser context of their own, signed up, reading `tag`'s language. */
export async function partnerIn(browser: Browser, tag: 'ko' | 'en') {
  const context = await browser.newContext();
  if (tag === 'en') {
    await context.addInitScript(() => localStorage.setItem('couple-chat.locale', 'en'));
  }
  const page = await context.newPage();
  const user = newUser(tag);
  await signUp(page, dictionaries[tag], user);
  return { context, page, user, close: () => context.close() };
}

/** A (reads Korean) and B (reads English), connected through A's invite link, both in the chat. */
export async function connectedCouple(browser: Browser) {
  const a = await partnerIn(browser, 'ko');
  const b = await partnerIn(browser, 'en');
  const link = await a.page.getByLabel(ko.invite.link, { exact: true }).inputValue();
  await b.page.goto(link);
  await b.page.getByRole('button', { name: en.acceptInvite.connect, exact: true }).click();
  await expectChat(b.page, a.user.displayName);
  await expectChat(a.page, b.user.displayName);
  return { a, b };
}
