import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  if (typeof value !== 'object' || value === null) {
    entries.set(prefix, value);
    return entries;
  }
  for (const [key, child] of Object.entries(value)) {
    for (const entry of flatten(child, prefix ? `${prefix}.${key}` : key)) entries.set(...entry);
  }
  return entries;
}

const dictionaries = { ko: flatten(ko), en: flatten(en) };

describe('dictionaries', () => {
  it('have exactly the same keys in Korean and English', () => {
    expect([...dictionaries.en.keys()].sort()).toEqual([...dictionaries.ko.keys()].sort());
  });

  it.each(Object.entries(dictionaries))('%s has only non-empty strings', (_name, entries) => {
    for (const [key, value] of entries) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it.each(Object.entries(dictionaries))(
    '%s uses the same placeholders as Korean',
    (_name, entries) => {
      const placeholders = (text: unknown) =>
        [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
      for (const [key, value] of entries) {
        expect(placeholders(value), key).toEqual(placeholders(dictionaries.ko.get(key)));
      }
    },
  );
});
