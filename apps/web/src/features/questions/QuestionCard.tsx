import type { QuestionDto } from '@couple-chat/protocol';
import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerForm } from './AnswerForm';
import { AnswerBlock, AnswerPair } from './AnswerPair';
import { answerOf, answerStage, inLanguage } from './answers';
import { PrincipleTag } from './PrincipleTag';

interface QuestionCardProps {
  question: QuestionDto;
  myId: string;
  partnerName: string;
  /** The server's copy after I answered or edited. */
  onChange(question: QuestionDto): void;
}

/**
 * A question in the chat, right after the message that brought it up: a box for my answer, then
 * my answer (editable) while my partner's is pending, then both answers at once.
 */
export const QuestionCard = memo(function QuestionCard(props: QuestionCardProps) {
  const { question, myId, partnerName } = props;
  const { t } = useTranslation();
  const titleId = useId();
  const noteId = useId();
  const stage = answerStage(question, myId);
  const partnerAnswered = question.answeredBy.some((id) => id !== myId);

  return (
    <article className={`question-card question-card-${stage}`} aria-labelledby={titleId}>
      <div className="question-meta">
        <p className="question-because">{t('questions.because', { word: question.word })}</p>
        <PrincipleTag principle={question.principle} />
      </div>
      <h2 id={titleId} className="question-text" tabIndex={-1}>
        {inLanguage(question.text, t('app.locale'))}
      </h2>
      {stage === 'answer' && (
        <>
          <p id={noteId} className="question-note">
            {partnerAnswered
              ? t('questions.answer.partnerAnswered', { name: partnerName })
              : t('questions.answer.bothHidden')}
          </p>
          <AnswerForm
            questionId={question.id}
            submitLabel={t('questions.answer.submit')}
            noteId={noteId}
            onAnswered={props.onChange}
          />
        </>
      )}
      {stage === 'waiting' && (
        <MyAnswerUntilRevealed {...props} body={answerOf(question, myId)?.body} />
      )}
      {stage === 'revealed' && (
        <AnswerPair question={question} myId={myId} partnerName={partnerName} />
      )}
    </article>
  );
});

/** My answer, hidden from my partner until they answer too, and mine to change until then. */
function MyAnswerUntilRevealed(props: QuestionCardProps & { body: string | undefined }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [editing, setEditing] = useState(false);
  const note = (
    <p id={noteId} className="question-note">
      {t('questions.answer.waitingForPartner', { name: props.partnerName })}
    </p>
  );
  if (editing) {
    return (
      <>
        <AnswerForm
          questionId={props.question.id}
          initial={props.body}
          submitLabel={t('questions.answer.save')}
          noteId={noteId}
          onAnswered={(question) => {
            setEditing(false);
            props.onChange(question);
          }}
          onCancel={() => setEditing(false)}
        />
        {note}
      </>
    );
  }
  return (
    <>
      <div className="answer-pair answer-pair-single">
        <AnswerBlock who={t('questions.me')} body={props.body} tone="mine" />
      </div>
      <div className="question-waiting">
        {note}
        <button
          type="button"
          className="button button-secondary question-edit"
          aria-label={t('questions.answer.edit')}
          onClick={() => setEditing(true)}
        >
          {t('questions.answer.editShort')}
        </button>
      </div>
    </>
  );
}
