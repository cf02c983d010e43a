import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AttachmentRepository } from './attachment.repository.js';
import { BlobDeletionRepository } from './blob-deletion.repository.js';
import { CalendarEventRepository } from './calendar-event.repository.js';
import { ConnectionRequestRepository } from './connection-request.repository.js';
import { CoupleRepository } from './couple.repository.js';
import { CoupleEventRepository } from './couple-event.repository.js';
import { DdayRepository } from './dday.repository.js';
import { ExcludedWordRepository } from './excluded-word.repository.js';
import { InviteRepository } from './invite.repository.js';
import { MessageRepository } from './message.repository.js';
import { MessageDayRepository } from './message-day.repository.js';
import { MessageLinkRepository } from './message-link.repository.js';
import { MessageSearchRepository } from './message-search.repository.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { QuestionRepository } from './question.repository.js';
import { ReadPositionRepository } from './read-position.repository.js';
import { SessionRepository } from './session.repository.js';
import { UserRepository } from './user.repository.js';
import { WordCountRepository } from './word-count.repository.js';

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  passwordResets: PasswordResetRepository;
  couples: CoupleRepository;
  coupleEvents: CoupleEventRepository;
  connectionRequests: ConnectionRequestRepository;
  invites: InviteRepository;
  messages: MessageRepository;
  readPositions: ReadPositionRepository;
  wordCounts: WordCountRepository;
  excludedWords: ExcludedWordRepository;
  questions: QuestionRepository;
  calendarEvents: CalendarEventRepository;
  ddays: DdayRepository;
  attachments: AttachmentRepository;
  messageLinks: MessageLinkRepository;
  messageSearch: MessageSearchRepository;
  messageDays: MessageDayRepository;
  blobDeletions: BlobDeletionRepository;
}

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    passwordResets: new PasswordResetRepository(db),
    couples: new CoupleRepository(db),
    coupleEvents: new CoupleEventRepository(db),
    connectionRequests: new ConnectionRequestRepository(db),
    invites: new InviteRepository(db),
    messages: new MessageRepository(db),
    readPositions: new ReadPositionRepository(db),
    wordCounts: new WordCountRepository(db),
    excludedWords: new ExcludedWordRepository(db),
    questions: new QuestionRepository(db),
    calendarEvents: new CalendarEventRepository(db),
    ddays: new DdayRepository(db),
    attachments: new AttachmentRepository(db),
    messageLinks: new MessageLinkRepository(db),
    messageSearch: new MessageSearchRepository(db),
    messageDays: new MessageDayRepository(db),
    blobDeletions: new BlobDeletionRepository(db),
  };
}

/** Runs `work` in one transaction with repositories bound to it. */
export type InTransaction = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;

export function transactionRunner(db: Kysely<Database>): InTransaction {
  return (work) => db.transaction().execute((trx) => work(createRepositories(trx)));
}
