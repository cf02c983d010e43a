import {
  type ExcludedWordsChange,
  ExcludedWordsResponse,
  type RankingSize,
  WordRankingResponse,
  WordRankingSettings,
} from '@couple-chat/protocol';
import { apiRequest } from '../../api/client';

/** Without `top` the server uses the size this user chose last. */
export function fetchWordRanking(
  top: RankingSize | undefined,
  signal?: AbortSignal,
): Promise<WordRankingResponse> {
  const path = top === undefined ? '/api/word-ranking' : `/api/word-ranking?top=${top}`;
  return apiRequest('GET', path, { schema: WordRankingResponse, signal });
}

export async function saveRankingSize(top: RankingSize): Promise<RankingSize> {
  const body: WordRankingSettings = { top };
  const path = '/api/word-ranking/settings';
  return (await apiRequest('PUT', path, { body, schema: WordRankingSettings })).top;
}

export function fetchExcludedWords(signal?: AbortSignal): Promise<ExcludedWordsResponse> {
  return apiRequest('GET', '/api/excluded-words', { schema: ExcludedWordsResponse, signal });
}

export function excludeWords(words: string[]): Promise<ExcludedWordsResponse> {
  const body: ExcludedWordsChange = { words };
  return apiRequest('POST', '/api/excluded-words', { body, schema: ExcludedWordsResponse });
}

export function restoreWords(words: string[]): Promise<ExcludedWordsResponse> {
  const body: ExcludedWordsChange = { words };
  const path = '/api/excluded-words/restore';
  return apiRequest('POST', path, { body, schema: ExcludedWordsResponse });
}
