import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: 3000,
      DATA_DIR: './data',
      DATABASE_POOL_SIZE: 10,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      REDIS_PREFIX: 'cc:',
      SESSION_TTL_DAYS: 30,
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('reads and converts the values it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://app@db:5432/chat',
      REDIS_URL: 'rediss://cache:6380',
      SMTP_URL: 'smtps://user:pw@mail.example:465',
      PUBLIC_URL: 'https://chat.example',
      SESSION_TTL_DAYS: '7',
      TRUST_PROXY: 'yes',
      DATA_DIR: '/var/lib/couple-chat',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://app@db:5432/chat',
      REDIS_URL: 'rediss://cache:6380',
      SESSION_TTL_DAYS: 7,
      TRUST_PROXY: true,
      dataDir: '/var/lib/couple-chat',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://x'],
    ['SMTP_URL', 'http://mail.example'],
    ['PUBLIC_URL', 'chat.example'],
    ['SESSION_TTL_DAYS', '0'],
    ['SESSION_TTL_DAYS', '1.5'],
    ['TRUST_PROXY', 'maybe'],
    ['REDIS_PREFIX', 'has spaces'],
    ['SQLITE_SYNCHRONOUS', 'OFF'],
  ])('rejects %s=%s with a ConfigError naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('names every wrong variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      SMTP_URL: '',
      PUBLIC_URL: '',
      LOG_LEVEL: '',
      SESSION_TTL_DAYS: '',
    });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.SESSION_TTL_DAYS).toBe(30);
  });
});
