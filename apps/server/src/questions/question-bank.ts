// The built-in question bank for keyword-triggered questions (PRODUCT.md core feature 2, issue 6): versioned
// data in question-bank.json, validated here at import so a broken file stops the server at start-up with a
// clear message instead of failing when a question is due. Tokenizer compatibility of the trigger words
// (normalizeWord(w) === w, samples that trigger) is checked by question-bank.test.ts.
import fs from 'node:fs';
import { z } from 'zod';
import bank from './question-bank.json' with { type: 'json' };

/** The three principles of trust (PRODUCT.md) a question serves. */
export const PRINCIPLES = [
  'self_understanding',
  'understanding_partner',
  'mutual_understanding',
] as const;

/** Longest question text, in characters, in either language. */
export const MAX_QUESTION_LENGTH = 100;

/** A stable id: lower-case ASCII words joined by single hyphens. Ids are recorded when asked: never reuse or rename one. */
const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug of lower-case letters, digits and hyphens');

const textSchema = z
  .string()
  .min(1)
  .max(MAX_QUESTION_LENGTH)
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');

export const principleSchema = z.enum(PRINCIPLES);

export const questionSchema = z
  .strictObject({
    id: slugSchema,
    principle: principleSchema,
    ko: textSchema.refine((s) => s.endsWith('?'), 'the Korean question must end with "?"'),
    en: textSchema,
  })
  .readonly();

export const keywordSchema = z
  .strictObject({
    id: slugSchema,
    label: z.strictObject({ ko: z.string().min(1), en: z.string().min(1) }).readonly(),
    /** Trigger words, Korean first, each exactly as the tokenizer produces it (@couple-chat/words). */
    words: z.array(z.string().min(1)).min(1).readonly(),
    /** A realistic chat line that triggers this keyword (checked against the tokenizer in the tests). */
    sample: z.string().min(1),
    questions: z.array(questionSchema).min(1).readonly(),
  })
  .readonly();

export const questionBankSchema = z
  .strictObject({
    version: z.number().int().positive(),
    // Empty is allowed: an operator's own bank file with no keywords turns built-in questions off.
    keywords: z.array(keywordSchema).readonly(),
  })
  .readonly()
  .superRefine((data, ctx) => {
    // Lookups are by id and by word, so each must be unique across the whole bank.
    const keywordIds = new Set<string>();
    const questionIds = new Set<string>();
    const wordOwner = new Map<string, string>();
    data.keywords.forEach((keyword, k) => {
      if (keywordIds.has(keyword.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['keywords', k, 'id'],
          message: `duplicate keyword id "${keyword.id}"`,
        });
      }
      keywordIds.add(keyword.id);
      keyword.words.forEach((word, w) => {
        const owner = wordOwner.get(word);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['keywords', k, 'words', w],
            message: `trigger word "${word}" already belongs to keyword "${owner}"`,
          });
        } else {
          wordOwner.set(word, keyword.id);
        }
      });
      keyword.questions.forEach((question, q) => {
        if (questionIds.has(question.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['keywords', k, 'questions', q, 'id'],
            message: `duplicate question id "${question.id}"`,
          });
        }
        questionIds.add(question.id);
      });
    });
  });

export type Principle = z.infer<typeof principleSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Keyword = z.infer<typeof keywordSchema>;
export type QuestionBank = z.infer<typeof questionBankSchema>;

/** Validates question-bank data (deeply frozen on success); throws an Error that lists every problem. */
export function parseQuestionBank(data: unknown, source = 'question-bank.json'): QuestionBank {
  const result = questionBankSchema.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid question bank (${source}):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** The built-in bank, parsed and validated when this module is imported. */
export const QUESTION_BANK: QuestionBank = parseQuestionBank(bank);

/** A bank with its lookups: by trigger word and by question id. */
export class QuestionBankIndex {
  private readonly keywordByWord = new Map<string, Keyword>();
  private readonly questionIndex = new Map<string, { keyword: Keyword; question: Question }>();

  constructor(readonly bank: QuestionBank) {
    for (const keyword of bank.keywords) {
      for (const word of keyword.words) this.keywordByWord.set(word, keyword);
      for (const question of keyword.questions) {
        this.questionIndex.set(question.id, { keyword, question });
      }
    }
  }

  get keywords(): readonly Keyword[] {
    return this.bank.keywords;
  }

  /**
   * The keywords triggered by a message's tokenizer words (`tokenize(text)` from
   * @couple-chat/words), each once, in the order their first trigger word appears. Whole words
   * only: 음식물쓰레기 does not trigger 음식.
   */
  keywordsOf(words: Iterable<string>): Keyword[] {
    const found: Keyword[] = [];
    const seen = new Set<string>();
    for (const word of words) {
      const keyword = this.keywordByWord.get(word);
      if (keyword !== undefined && !seen.has(keyword.id)) {
        seen.add(keyword.id);
        found.push(keyword);
      }
    }
    return found;
  }

  /** A question and its keyword, by question id. */
  questionById(id: string): { keyword: Keyword; question: Question } | undefined {
    return this.questionIndex.get(id);
  }
}

export const BUILT_IN_QUESTIONS = new QuestionBankIndex(QUESTION_BANK);

/** An operator's own bank (QUESTION_BANK_FILE), in the same format, validated the same way. */
export function loadQuestionBankFile(file: string): QuestionBankIndex {
  return new QuestionBankIndex(parseQuestionBank(JSON.parse(fs.readFileSync(file, 'utf8')), file));
}

export const keywordsOf = (words: Iterable<string>) => BUILT_IN_QUESTIONS.keywordsOf(words);
export const questionById = (id: string) => BUILT_IN_QUESTIONS.questionById(id);
