import {
  AnswerInput,
  CustomQuestionInput,
  CustomQuestionParams,
  ErrorBody,
  OpenQuestionResponse,
  QuestionDto,
  QuestionKeywordChange,
  QuestionKeywordParams,
  QuestionParams,
  QuestionSettingsResponse,
  QuestionsQuery,
  QuestionsResponse,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import type { QuestionService } from '../services/question.service.js';

const tags = ['questions'];
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Questions the chat brings up, their answers and archive, and the couple's question settings. */
export function questionController(app: FastifyInstance, questions: QuestionService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/questions/open',
    {
      schema: {
        tags,
        summary: 'The open question both partners must answer, if any',
        response: { 200: OpenQuestionResponse, ...errors },
      },
    },
    async (req) => questions.open(requireAuth(req)),
  );

  r.put(
    '/api/questions/:id/answer',
    {
      schema: {
        tags,
        summary: 'Answer the open question, or change the answer until both have answered',
        params: QuestionParams,
        body: AnswerInput,
        response: { 200: QuestionDto, ...errors },
      },
    },
    async (req) => questions.answer(requireAuth(req), req.params.id, req.body.body),
  );

  r.get(
    '/api/questions',
    {
      schema: {
        tags,
        summary: 'Every question asked, newest first, with both answers once revealed',
        querystring: QuestionsQuery,
        response: { 200: QuestionsResponse, ...errors },
      },
    },
    async (req) => questions.archive(requireAuth(req), req.query),
  );

  r.get(
    '/api/question-settings',
    {
      schema: {
        tags,
        summary: "The built-in keywords (on or off) and the couple's own questions",
        response: { 200: QuestionSettingsResponse, ...errors },
      },
    },
    async (req) => questions.settings(requireAuth(req)),
  );

  r.put(
    '/api/question-keywords/:id',
    {
      schema: {
        tags,
        summary: 'Turn a built-in keyword off or back on',
        params: QuestionKeywordParams,
        body: QuestionKeywordChange,
        response: { 200: QuestionSettingsResponse, ...errors },
      },
    },
    async (req) => questions.setKeywordEnabled(requireAuth(req), req.params.id, req.body.enabled),
  );

  r.post(
    '/api/custom-questions',
    {
      schema: {
        tags,
        summary: 'Add our own keyword → question pair',
        body: CustomQuestionInput,
        response: { 201: QuestionSettingsResponse, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await questions.addCustom(requireAuth(req), req.body)),
  );

  r.delete(
    '/api/custom-questions/:id',
    {
      schema: {
        tags,
        summary: 'Remove one of our own questions',
        params: CustomQuestionParams,
        response: { 200: QuestionSettingsResponse, ...errors },
      },
    },
    async (req) => questions.removeCustom(requireAuth(req), req.params.id),
  );
}
