import {
  type AnswerInput,
  type CustomQuestionInput,
  OpenQuestionResponse,
  type Principle,
  QuestionDto,
  QuestionSettingsResponse,
  QuestionsResponse,
} from '@couple-chat/protocol';
import { apiRequest } from '../../api/client';

export async function fetchOpenQuestion(signal?: AbortSignal): Promise<QuestionDto | null> {
  const response = await apiRequest('GET', '/api/questions/open', {
    schema: OpenQuestionResponse,
    signal,
  });
  return response.question;
}

export function answerQuestion(id: string, body: string): Promise<QuestionDto> {
  const input: AnswerInput = { body };
  const path = `/api/questions/${encodeURIComponent(id)}/answer`;
  return apiRequest('PUT', path, { body: input, schema: QuestionDto });
}

export interface ArchiveQuery {
  principle?: Principle | undefined;
  q?: string | undefined;
  /** An askedAt: the page of questions asked before it. */
  before?: string | undefined;
  limit?: number | undefined;
}

/** The questions asked, newest first. */
export function fetchQuestions(
  query: ArchiveQuery,
  signal?: AbortSignal,
): Promise<QuestionsResponse> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return apiRequest('GET', `/api/questions?${params}`, { schema: QuestionsResponse, signal });
}

export function fetchQuestionSettings(signal?: AbortSignal): Promise<QuestionSettingsResponse> {
  return apiRequest('GET', '/api/question-settings', { schema: QuestionSettingsResponse, signal });
}

export function setKeywordEnabled(id: string, enabled: boolean): Promise<QuestionSettingsResponse> {
  const path = `/api/question-keywords/${encodeURIComponent(id)}`;
  return apiRequest('PUT', path, { body: { enabled }, schema: QuestionSettingsResponse });
}

export function addCustomQuestion(input: CustomQuestionInput): Promise<QuestionSettingsResponse> {
  return apiRequest('POST', '/api/custom-questions', {
    body: input,
    schema: QuestionSettingsResponse,
  });
}

export function removeCustomQuestion(id: string): Promise<QuestionSettingsResponse> {
  const path = `/api/custom-questions/${encodeURIComponent(id)}`;
  return apiRequest('DELETE', path, { schema: QuestionSettingsResponse });
}
