import {
  ErrorBody,
  ExcludedWordsChange,
  ExcludedWordsResponse,
  WordRankingQuery,
  WordRankingResponse,
  WordRankingSettings,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import type { WordRankingService } from '../services/word-ranking.service.js';

const tags = ['words'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody };

/** The 7-day word ranking and the couple's excluded words. */
export function wordRankingController(app: FastifyInstance, words: WordRankingService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/word-ranking',
    {
      schema: {
        tags,
        summary: "Each partner's most used words of the last 7 days, and both together",
        querystring: WordRankingQuery,
        response: { 200: WordRankingResponse, ...errors },
      },
    },
    async (req) => words.ranking(requireAuth(req), req.query.top),
  );

  r.put(
    '/api/word-ranking/settings',
    {
      schema: {
        tags,
        summary: 'Remember how many words (3, 5 or 10) the ranking shows me',
        body: WordRankingSettings,
        response: { 200: WordRankingSettings, ...errors },
      },
    },
    async (req) => words.saveSize(requireAuth(req), req.body.top),
  );

  r.get(
    '/api/excluded-words',
    {
      schema: {
        tags,
        summary: "The couple's excluded words, and the suggested filler words",
        response: { 200: ExcludedWordsResponse, ...errors },
      },
    },
    async (req) => words.excluded(requireAuth(req)),
  );

  r.post(
    '/api/excluded-words',
    {
      schema: {
        tags,
        summary: 'Stop counting words in the ranking, for both partners',
        body: ExcludedWordsChange,
        response: { 200: ExcludedWordsResponse, ...errors },
      },
    },
    async (req) => words.exclude(requireAuth(req), req.body.words),
  );

  r.post(
    '/api/excluded-words/restore',
    {
      schema: {
        tags,
        summary: 'Count excluded words again (undo)',
        body: ExcludedWordsChange,
        response: { 200: ExcludedWordsResponse, ...errors },
      },
    },
    async (req) => words.restore(requireAuth(req), req.body.words),
  );
}
