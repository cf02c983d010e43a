import type { QuestionDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { answerOf } from './answers';

interface AnswerPairProps {
  question: QuestionDto;
  myId: string;
  partnerName: string;
}

/** Both answers side by side, mine first, once both have answered. */
export function AnswerPair({ question, myId, partnerName }: AnswerPairProps) {
  const { t } = useTranslation();
  const mine = answerOf(question, myId);
  const theirs = question.answers.find((answer) => answer.userId !== myId);
  return (
    <div className="answer-pair">
      <AnswerBlock who={t('questions.me')} body={mine?.body} tone="mine" />
      <AnswerBlock who={partnerName} body={theirs?.body} tone="partner" />
    </div>
  );
}

interface AnswerBlockProps {
  who: string;
  body: string | undefined;
  tone: 'mine' | 'partner';
  /** Said instead when there is no answer (yet). */
  empty?: string | undefined;
}

export function AnswerBlock({ who, body, tone, empty = '—' }: AnswerBlockProps) {
  return (
    <div className={`answer answer-${tone}`}>
      <p className="answer-who">{who}</p>
      {body === undefined ? (
        <p className="answer-body answer-empty">{empty}</p>
      ) : (
        <p className="answer-body">{body}</p>
      )}
    </div>
  );
}
