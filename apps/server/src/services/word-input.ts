import { normalizeWord } from '@couple-chat/words';
import { DomainError } from '../errors.js';

/**
 * One word a user typed, read as the tokenizer reads chat (음식을 → 음식), or `invalid_word` on the
 * field `path` when nothing countable is left (punctuation, a number, an emoji).
 */
export function wordFromInput(input: string, path: string): string {
  const word = normalizeWord(input);
  if (word === null) {
    throw new DomainError('invalid_word', `"${input}" has no word the chat can count.`, [
      { path, code: 'invalid_word', message: 'No word the chat can count.' },
    ]);
  }
  return word;
}
