import type { QuestionDto } from '@couple-chat/protocol';
import { memo } from 'react';
import { QuestionCard } from '../questions/QuestionCard';

interface QuestionRowProps {
  rowKey: string;
  question: QuestionDto;
  myId: string;
  partnerName: string;
  onChange(question: QuestionDto): void;
}

/** A question card as a line of the chat, for both partners alike. */
export const QuestionRow = memo(function QuestionRow({ rowKey, ...card }: QuestionRowProps) {
  return (
    <li className="chat-row chat-row-question" data-key={rowKey}>
      <QuestionCard {...card} />
    </li>
  );
});
