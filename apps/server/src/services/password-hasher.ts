import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

/**
 * argon2id at OWASP's first recommended profile (19 MiB, 2 passes, 1 lane): strong against GPU
 * guessing while a login stays in the tens of milliseconds on a 2-core server. The hash string
 * records its parameters, so raising them later still verifies old hashes.
 */
export const argon2Params = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Runs a verification of equal cost when there is no user, so timing does not reveal accounts. */
  verifyDummy(password: string): Promise<void>;
}

export function createArgon2Hasher(params = argon2Params): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, params),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      dummy ??= hash('dummy-password-for-timing', params);
      await verify(await dummy, password).catch(() => false);
    },
  };
}
