import { todayIn } from '@couple-chat/dates';
import {
  type AttachmentDto,
  type CoupleEventDto,
  type CoupleEventPayload,
  findLinks,
} from '@couple-chat/protocol';
import { tokenize } from '@couple-chat/words';
import type { CoupleEventsTable, MessageLinksTable } from '../db/schema.js';
import { DomainError } from '../errors.js';
import type { Outcome } from '../lib/group-commit.js';
import { newId } from '../lib/ids.js';
import type { AttachmentRow } from '../models/attachment.repository.js';
import type { Reserved } from '../models/couple.repository.js';
import type { MessageRow } from '../models/message.repository.js';
import type { CustomQuestionRow } from '../models/question.repository.js';
import type { Repositories } from '../models/repositories.js';
import { dayDeltas, searchDocuments } from '../search/search-documents.js';
import { toAttachmentDto, toMessageDto } from './message.presenter.js';
import { toAskedQuestionDto } from './question.presenter.js';
import { type AskPolicy, pickQuestion } from './question-asker.js';
import { wordDeltas } from './word-tally.js';

export interface PendingSend {
  userId: string;
  coupleId: string;
  messageId: string;
  body: string;
  /** Photos, videos and files already uploaded by this sender, in the order shown. */
  attachmentIds?: readonly string[];
}

export interface MessageAck {
  messageId: string;
  seq: number;
  at: string;
}

export interface WrittenBatch {
  outcomes: Outcome<MessageAck>[];
  /** Per couple, the events to publish after commit, in seq order. */
  events: Map<string, CoupleEventDto[]>;
}

export const notInCouple = () =>
  new DomainError('not_in_couple', 'You are not connected with a partner.');

const idConflict = () =>
  new DomainError('message_id_conflict', 'This message id is already used by another message.');

export const questionUnanswered = () =>
  new DomainError(
    'question_unanswered',
    'Answer the open question first; then you can chat again.',
  );

export const attachmentNotReady = () =>
  new DomainError(
    'attachment_not_ready',
    'Every file must be uploaded completely, by you, before the message can be sent.',
  );

const keyOf = (coupleId: string, messageId: string) => `${coupleId} ${messageId}`;

function settleNow<R>(fn: () => R): Outcome<R> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A resend (same sender, same text) gets the first ack; a deleted message stays deleted. */
export function ackForResend(existing: MessageRow, userId: string, body: string): MessageAck {
  if (existing.sender_id !== userId || (existing.deleted_at === null && existing.body !== body))
    throw idConflict();
  return {
    messageId: existing.id,
    seq: Number(existing.seq),
    at: new Date(existing.created_at).toISOString(),
  };
}

/**
 * Writes a batch of sends in the caller's transaction: resends are recognised, each couple's seqs
 * are reserved in one statement, a sender who owes an answer is refused, a message may bring up a
 * question (placed right after it in the log), and messages, events, word counts and the search
 * index go in one insert each. Every send gets its own outcome.
 */
export async function writeSends(
  tx: Repositories,
  batch: readonly PendingSend[],
  now: number,
  policy: AskPolicy,
): Promise<WrittenBatch> {
  const outcomes: Outcome<MessageAck>[] = new Array(batch.length);
  const published = new Map<string, CoupleEventDto[]>();
  const written = new Map<string, MessageRow>();
  const at = new Date(now).toISOString();

  const existing = new Map(
    (await tx.messages.findMany(batch.map((s) => ({ coupleId: s.coupleId, id: s.messageId })))).map(
      (row) => [keyOf(row.couple_id, row.id), row],
    ),
  );
  const fresh = new Map<string, number[]>();
  const claimed = new Map<string, number>();
  batch.forEach((item, i) => {
    const key = keyOf(item.coupleId, item.messageId);
    const row = existing.get(key);
    if (row) outcomes[i] = settleNow(() => ackForResend(row, item.userId, item.body));
    else if (!claimed.has(key)) {
      claimed.set(key, i);
      const ofCouple = fresh.get(item.coupleId);
      if (ofCouple) ofCouple.push(i);
      else fresh.set(item.coupleId, [i]);
    }
  });

  const reserved = await tx.couples.reserveSeqsIfOpen(
    new Map([...fresh].map(([coupleId, indexes]) => [coupleId, indexes.length])),
  );
  const words = new Map<number, string[]>();
  for (const indexes of fresh.values()) {
    for (const i of indexes) words.set(i, tokenize((batch[i] as PendingSend).body));
  }
  // The couples' own questions whose word came up: one query for the whole batch.
  const askable = [...reserved].filter(([, c]) => isAskable(c, now)).map(([id]) => id);
  const customs = await tx.questions.customMatching(askable, [
    ...new Set(askable.flatMap((id) => (fresh.get(id) ?? []).flatMap((i) => words.get(i) ?? []))),
  ]);

  const files = await attachmentsOf(tx, batch, fresh);

  const messages: (MessageRow & { words: string[] })[] = [];
  const events: CoupleEventsTable[] = [];
  const links: MessageLinksTable[] = [];
  for (const [coupleId, indexes] of fresh) {
    const couple = reserved.get(coupleId);
    if (couple === undefined) {
      for (const i of indexes) outcomes[i] = { ok: false, error: notInCouple() };
      continue;
    }
    const day = todayIn(couple.timeZone, now);
    const dtos: CoupleEventDto[] = [];
    const publish = (seq: number, event: CoupleEventPayload) => dtos.push({ seq, at, event });
    /** Logs an event other than a message (the messages table is the log of those). */
    const append = (seq: number, event: CoupleEventPayload) => {
      events.push({
        couple_id: coupleId,
        seq,
        type: event.type,
        payload: JSON.stringify(event),
        created_at: now,
      });
      publish(seq, event);
    };
    const waiting = new Set(couple.question.waiting);
    let open = couple.question.openId !== null;
    let seq = couple.lastSeq - indexes.length;
    for (const i of indexes) {
      const item = batch[i] as PendingSend;
      if (waiting.has(item.userId)) {
        outcomes[i] = { ok: false, error: questionUnanswered() };
        continue;
      }
      const attached = item.attachmentIds ? files.get(i) : [];
      if (attached === undefined) {
        outcomes[i] = { ok: false, error: attachmentNotReady() };
        continue;
      }
      seq += 1;
      const row: MessageRow = {
        couple_id: coupleId,
        id: item.messageId,
        seq,
        sender_id: item.userId,
        body: item.body,
        created_at: now,
        deleted_at: null,
        day,
        attachments: attached.length > 0 ? JSON.stringify(attached) : null,
      };
      if (item.attachmentIds) {
        const claimed = await tx.attachments.attach(coupleId, item.userId, item.attachmentIds, {
          id: item.messageId,
          seq,
        });
        // Validated above in this transaction; only a racing send of the same files gets here.
        if (!claimed) throw attachmentNotReady();
      }
      for (const [position, link] of findLinks(item.body).entries()) {
        links.push({
          couple_id: coupleId,
          message_seq: seq,
          position,
          message_id: item.messageId,
          sender_id: item.userId,
          url: link.url,
          created_at: now,
        });
      }
      messages.push({ ...row, words: words.get(i) ?? [] });
      publish(seq, { type: 'message.created', message: toMessageDto(row) });
      written.set(keyOf(coupleId, item.messageId), row);
      outcomes[i] = { ok: true, value: { messageId: item.messageId, seq, at } };

      if (open || !isAskable(couple, now)) continue;
      const picked = await pickQuestion(
        tx,
        coupleId,
        words.get(i) ?? [],
        customs.filter((c: CustomQuestionRow) => c.couple_id === coupleId),
        now,
        policy,
      );
      if (!picked) continue;
      // Right after the message that brought it up; both partners owe an answer from here on.
      seq += 1;
      const members = await tx.couples.memberIds(coupleId);
      const question = {
        id: newId(now),
        couple_id: coupleId,
        question_id: picked.questionId,
        word: picked.word,
        text_ko: picked.textKo,
        text_en: picked.textEn,
        principle: picked.principle,
        message_id: item.messageId,
        asked_at: now,
        revealed_at: null,
      };
      await tx.questions.insert(question);
      await tx.couples.setQuestionState(coupleId, {
        openId: question.id,
        waiting: members,
        nextAt: now + policy.minGapMs,
      });
      append(seq, { type: 'question.asked', question: toAskedQuestionDto(question) });
      open = true;
      for (const m of members) waiting.add(m);
    }
    // Seqs reserved for refused sends go back; a question took one more.
    if (seq !== couple.lastSeq) await tx.couples.setLastSeq(coupleId, seq);
    if (dtos.length > 0) published.set(coupleId, dtos);
  }
  await tx.messages.insert(...messages.map(({ words: _words, ...row }) => row));
  await tx.coupleEvents.insert(...events);
  await tx.messageLinks.insert(...links);
  await tx.wordCounts.record(wordDeltas(messages, 1));
  await tx.messageSearch.add(searchDocuments(messages, links));
  await tx.messageDays.record(dayDeltas(messages, 1));

  // The same id twice in one batch (two devices resending at once): the later is a resend, or
  // shares the first one's refusal.
  batch.forEach((item, i) => {
    if (outcomes[i]) return;
    const key = keyOf(item.coupleId, item.messageId);
    const row = written.get(key);
    outcomes[i] = row
      ? settleNow(() => ackForResend(row, item.userId, item.body))
      : (outcomes[claimed.get(key) ?? -1] ?? { ok: false, error: notInCouple() });
  });
  return { outcomes, events: published };
}

/**
 * The attachments of each fresh send that names some, as served, in the order named — or no entry
 * when any of them is missing, another sender's, still uploading, or already in a message.
 */
async function attachmentsOf(
  tx: Repositories,
  batch: readonly PendingSend[],
  fresh: ReadonlyMap<string, number[]>,
): Promise<Map<number, AttachmentDto[]>> {
  const result = new Map<number, AttachmentDto[]>();
  for (const [coupleId, indexes] of fresh) {
    const wanted = indexes.filter((i) => batch[i]?.attachmentIds);
    if (wanted.length === 0) continue;
    const rows = new Map<string, AttachmentRow>(
      (
        await tx.attachments.findMany(
          coupleId,
          wanted.flatMap((i) => batch[i]?.attachmentIds ?? []),
        )
      ).map((row) => [row.id, row]),
    );
    for (const i of wanted) {
      const item = batch[i] as PendingSend;
      const picked = (item.attachmentIds ?? []).map((id) => rows.get(id));
      const usable = picked.every(
        (row) =>
          row !== undefined &&
          row.uploader_id === item.userId &&
          row.state === 'ready' &&
          row.message_id === null,
      );
      if (usable) result.set(i, (picked as AttachmentRow[]).map(toAttachmentDto));
    }
  }
  return result;
}

/** No question open, and the minimum gap since the last one has passed. */
function isAskable(couple: Reserved, now: number): boolean {
  return couple.question.openId === null && (couple.question.nextAt ?? 0) <= now;
}
