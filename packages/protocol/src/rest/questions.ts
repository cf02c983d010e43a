import { z } from 'zod';

/** What a question is for: knowing yourself, knowing your partner, understanding each other. */
export const Principle = z.enum([
  'self_understanding',
  'understanding_partner',
  'mutual_understanding',
]);
export type Principle = z.infer<typeof Principle>;

export const ANSWER_MAX_LENGTH = 1000;
export const CUSTOM_QUESTION_MAX_LENGTH = 200;

/** An answer as typed: trimmed, not empty, capped. */
export const AnswerBody = z.string().trim().min(1).max(ANSWER_MAX_LENGTH);

/** Text in both UI languages; a couple's own question has the same text in both. */
export const LocalizedText = z.object({ ko: z.string(), en: z.string() });

export const AnswerDto = z.object({
  userId: z.string(),
  body: z.string(),
  answeredAt: z.iso.datetime(),
});
export type AnswerDto = z.infer<typeof AnswerDto>;

/**
 * A question asked in the chat. Answers stay hidden until both partners have answered
 * (`revealedAt` set); until then each sees only their own, and whether the other has answered.
 */
export const QuestionDto = z
  .object({
    /** This asking's id (the same bank question asked again later gets a new one). */
    id: z.uuid(),
    /** The bank question's id, or `custom:<id>` for the couple's own. */
    questionId: z.string(),
    text: LocalizedText,
    principle: Principle.nullable(),
    /** The word in the chat that brought it up, as the tokenizer read it (음식을 → 음식). */
    word: z.string(),
    /** The message it follows. */
    messageId: z.uuid().nullable(),
    askedAt: z.iso.datetime(),
    revealedAt: z.iso.datetime().nullable(),
    /** Who has answered (ids); the texts are in `answers` once revealed, else only mine. */
    answeredBy: z.array(z.string()),
    answers: z.array(AnswerDto),
  })
  .meta({ id: 'Question' });
export type QuestionDto = z.infer<typeof QuestionDto>;

/** GET /api/questions/open — the couple's open question, if any. */
export const OpenQuestionResponse = z
  .object({ question: QuestionDto.nullable() })
  .meta({ id: 'OpenQuestion' });
export type OpenQuestionResponse = z.infer<typeof OpenQuestionResponse>;

/** PUT /api/questions/:id/answer — answer, or edit the answer until both have answered. */
export const AnswerInput = z.object({ body: AnswerBody }).strict();
export type AnswerInput = z.infer<typeof AnswerInput>;
export const QuestionParams = z.object({ id: z.uuid() }).strict();

/** GET /api/questions — the archive, newest first, paged by `before` (an askedAt cursor). */
export const QuestionsQuery = z
  .object({
    principle: Principle.optional(),
    /** Finds questions or answers containing the text (plain text, not a pattern). */
    q: z.string().trim().min(1).max(100).optional(),
    before: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();
export const QuestionsResponse = z
  .object({ questions: z.array(QuestionDto), hasMore: z.boolean() })
  .meta({ id: 'Questions' });
export type QuestionsResponse = z.infer<typeof QuestionsResponse>;

/** A couple's own keyword → question pair. */
export const CustomQuestionDto = z.object({
  id: z.uuid(),
  word: z.string(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type CustomQuestionDto = z.infer<typeof CustomQuestionDto>;

/** A built-in trigger keyword and whether this couple has it on. */
export const QuestionKeywordDto = z.object({
  id: z.string(),
  label: LocalizedText,
  words: z.array(z.string()),
  enabled: z.boolean(),
});
export type QuestionKeywordDto = z.infer<typeof QuestionKeywordDto>;

/** GET /api/question-settings */
export const QuestionSettingsResponse = z
  .object({ keywords: z.array(QuestionKeywordDto), custom: z.array(CustomQuestionDto) })
  .meta({ id: 'QuestionSettings' });
export type QuestionSettingsResponse = z.infer<typeof QuestionSettingsResponse>;

/** PUT /api/question-keywords/:id — turn a built-in keyword off or back on. */
export const QuestionKeywordParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const QuestionKeywordChange = z.object({ enabled: z.boolean() }).strict();

/** POST /api/custom-questions */
export const CustomQuestionInput = z
  .object({
    word: z.string().trim().min(1).max(30),
    text: z.string().trim().min(1).max(CUSTOM_QUESTION_MAX_LENGTH),
  })
  .strict();
export type CustomQuestionInput = z.infer<typeof CustomQuestionInput>;
export const CustomQuestionParams = z.object({ id: z.uuid() }).strict();
