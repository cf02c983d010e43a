import { HttpClient } from './http-client.js';

let counter = 0;

export interface TestUser {
  username: string;
  email: string;
  displayName: string;
  password: string;
}

export function userInput(overrides: Partial<TestUser> = {}): TestUser {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    username: `user_${tag}`,
    email: `user_${tag}@example.com`,
    displayName: `사용자 ${counter}`,
    password: `correct horse ${tag}`,
    ...overrides,
  };
}

/** Signs a new user up through the real API; the returned client holds their session cookie. */
export async function signUp(baseUrl: string, overrides: Partial<TestUser> = {}) {
  const input = userInput(overrides);
  const client = new HttpClient(baseUrl);
  const res = await client.post('/api/users', input);
  if (res.status !== 201)
    throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, input, user: res.body.user as { id: string; username: string; email: string } };
}

export type SignedUp = Awaited<ReturnType<typeof signUp>>;

/**
 * Two users who connected the usual way: `a` asked `b` by username and `b` approved. Returns both
 * and the couple's id.
 */
export async function createCouple(
  baseUrl: string,
  options: { timeZone?: string; a?: Partial<TestUser>; b?: Partial<TestUser> } = {},
) {
  const a = await signUp(baseUrl, options.a);
  const b = await signUp(baseUrl, options.b);
  const asked = await a.client.post('/api/connection-requests', {
    username: b.input.username,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  if (asked.status !== 201)
    throw new Error(`request failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  const approved = await b.client.post(
    `/api/connection-requests/${asked.body.request.id}/approval`,
    {},
  );
  if (approved.status !== 201)
    throw new Error(`approval failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  return { a, b, coupleId: approved.body.couple.id as string };
}

export type TestCouple = Awaited<ReturnType<typeof createCouple>>;
