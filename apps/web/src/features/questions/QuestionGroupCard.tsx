import type { QuestionDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates';
import { AnswerBlock, AnswerPair } from './AnswerPair';
import { answerOf, inLanguage } from './answers';
import type { QuestionGroup } from './archive';
import { PrincipleTag } from './PrincipleTag';

interface QuestionGroupCardProps {
  group: QuestionGroup;
  myId: string;
  partnerName: string;
  timeZone: string;
  now: Date;
}

/** One question of the archive and each time it was asked, with both answers side by side. */
export function QuestionGroupCard({ group, ...props }: QuestionGroupCardProps) {
  const { t } = useTranslation();
  const titleId = `question-${group.latest.id}`;
  return (
    <li className="card question-group" aria-labelledby={titleId}>
      <PrincipleTag principle={group.latest.principle} />
      <h2 id={titleId} className="question-text">
        {inLanguage(group.latest.text, t('app.locale'))}
      </h2>
      <ol className="askings">
        {group.askings.map((question) => (
          <Asking key={question.id} question={question} {...props} />
        ))}
      </ol>
    </li>
  );
}

function Asking(props: Omit<QuestionGroupCardProps, 'group'> & { question: QuestionDto }) {
  const { question, myId, partnerName } = props;
  const { t } = useTranslation();
  const locale = t('app.locale');
  const revealed = question.revealedAt !== null;
  const mine = answerOf(question, myId);
  return (
    <li className="asking">
      <p className="asking-when">
        <time dateTime={question.askedAt}>
          {formatDateTime(new Date(question.askedAt), locale, props.timeZone, props.now)}
        </time>
        <span className="asking-word">{question.word}</span>
        {!revealed && <span className="asking-waiting">{t('questions.archive.waiting')}</span>}
      </p>
      {revealed ? (
        <AnswerPair question={question} myId={myId} partnerName={partnerName} />
      ) : (
        <div className="answer-pair answer-pair-single">
          <AnswerBlock
            who={t('questions.me')}
            body={mine?.body}
            tone="mine"
            empty={t('questions.archive.notAnswered')}
          />
          {!mine && (
            <Link to="/" className="asking-answer-link">
              {t('questions.archive.answerInChat')}
            </Link>
          )}
        </div>
      )}
    </li>
  );
}
