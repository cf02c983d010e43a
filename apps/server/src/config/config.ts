import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must start with postgres:// or postgresql://');

/** Every setting comes from the environment; `.env.example` documents each one. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  REDIS_URL: z
    .url()
    .refine((u) => /^rediss?:\/\//.test(u), 'must start with redis:// or rediss://')
    .optional(),
  /** Namespaces every Redis key, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,40}$/)
    .default('cc:'),
  SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('couple-chat <no-reply@localhost>'),
  /** Sign-ups allowed per client IP per hour; raise it when many friends share one network. */
  SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  QUESTION_MIN_GAP_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  QUESTION_REASK_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  QUESTION_BANK_FILE: z.string().min(1).optional(),
  /** Files in the chat: the largest file, files per message, and each couple's storage quota. */
  UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(1_000_000).default(200),
  UPLOAD_MAX_FILES_PER_MESSAGE: z.coerce.number().int().min(1).max(100).default(30),
  COUPLE_STORAGE_QUOTA_MB: z.coerce.number().int().min(1).max(100_000_000).default(5120),
  /** Larger pictures are refused before decoding (decompression bombs). */
  IMAGE_MAX_MEGAPIXELS: z.coerce.number().int().min(1).max(1000).default(100),
  /** Any S3-compatible service; with S3_BUCKET set, files live there instead of DATA_DIR. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
  TRUST_PROXY: booleanFromEnv.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Exposes POST /api/test/clock for end-to-end tests; refused in production. */
  TEST_CLOCK: booleanFromEnv.default(false),
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** Absolute path of the data directory (SQLite file, dev outbox, later uploads). */
  dataDir: string;
};

export class ConfigError extends Error {}

/** Parses the environment; a wrong value names the variable and what is wrong with it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so a blank line in .env does not override a default.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = ConfigSchema.refine((c) => !(c.TEST_CLOCK && c.NODE_ENV === 'production'), {
    path: ['TEST_CLOCK'],
    message: 'must not be enabled when NODE_ENV=production',
  }).safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}
