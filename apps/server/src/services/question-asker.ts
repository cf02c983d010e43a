import type { Principle } from '@couple-chat/protocol';
import type { CustomQuestionRow } from '../models/question.repository.js';
import type { Repositories } from '../models/repositories.js';
import {
  BUILT_IN_QUESTIONS,
  loadQuestionBankFile,
  type QuestionBankIndex,
} from '../questions/question-bank.js';

/** How often questions may come: the minimum gap between two, and when one may be asked again. */
export interface AskPolicy {
  bank: QuestionBankIndex;
  minGapMs: number;
  reaskMs: number;
}

/** The policy as plain settings, so another thread (SQLite's) can build the same AskPolicy. */
export interface AskPolicySettings {
  /** QUESTION_BANK_FILE, or null for the built-in bank. */
  bankFile: string | null;
  minGapMs: number;
  reaskMs: number;
}

const banks = new Map<string, QuestionBankIndex>();

/** The policy those settings describe; an operator's bank file is read once per thread. */
export function askPolicyOf(settings: AskPolicySettings): AskPolicy {
  let bank = BUILT_IN_QUESTIONS;
  if (settings.bankFile !== null) {
    bank = banks.get(settings.bankFile) ?? loadQuestionBankFile(settings.bankFile);
    banks.set(settings.bankFile, bank);
  }
  return { bank, minGapMs: settings.minGapMs, reaskMs: settings.reaskMs };
}

export interface PickedQuestion {
  questionId: string;
  word: string;
  textKo: string;
  textEn: string;
  principle: Principle | null;
}

/**
 * The question a message's words bring up in a couple's chat, if any: the couple's own questions
 * first, then the bank's for keywords the couple has not turned off, in the order the words came.
 * A question never asked wins; otherwise the one asked longest ago, if that was at least the
 * re-ask period ago.
 */
export async function pickQuestion(
  tx: Repositories,
  coupleId: string,
  words: readonly string[],
  customs: readonly CustomQuestionRow[],
  now: number,
  policy: AskPolicy,
): Promise<PickedQuestion | undefined> {
  const present = new Set(words);
  const candidates: PickedQuestion[] = customs
    .filter((c) => present.has(c.word))
    .map((c) => ({
      questionId: `custom:${c.id}`,
      word: c.word,
      textKo: c.text,
      textEn: c.text,
      principle: null,
    }));
  const keywords = policy.bank.keywordsOf(words);
  if (keywords.length > 0) {
    const disabled = await tx.questions.disabledKeywords(coupleId);
    for (const keyword of keywords) {
      if (disabled.has(keyword.id)) continue;
      const word = keyword.words.find((w) => present.has(w)) ?? keyword.words[0] ?? '';
      for (const q of keyword.questions) {
        candidates.push({
          questionId: q.id,
          word,
          textKo: q.ko,
          textEn: q.en,
          principle: q.principle,
        });
      }
    }
  }
  if (candidates.length === 0) return undefined;
  const lastAsked = await tx.questions.lastAsked(
    coupleId,
    candidates.map((c) => c.questionId),
  );
  const never = candidates.find((c) => !lastAsked.has(c.questionId));
  if (never) return never;
  const due = candidates
    .filter((c) => (lastAsked.get(c.questionId) ?? 0) <= now - policy.reaskMs)
    .sort((a, b) => (lastAsked.get(a.questionId) ?? 0) - (lastAsked.get(b.questionId) ?? 0));
  return due[0];
}
