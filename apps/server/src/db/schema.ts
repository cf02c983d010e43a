import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them. Timestamps are UTC epoch milliseconds in both dialects. */
export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  email: string;
  email_key: string;
  display_name: string;
  password_hash: string;
  locale: string;
  created_at: number;
  updated_at: number;
  /** How many words the word ranking shows this user: 3, 5 or 10. */
  ranking_size: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak live sessions. */
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string | null;
}

export interface PasswordResetsTable {
  /** SHA-256 of the e-mailed token. */
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export type CoupleStatus = 'active' | 'ending' | 'ended';

export interface CouplesTable {
  id: string;
  status: CoupleStatus;
  /** YYYY-MM-DD, day 1 of the relationship. */
  start_date: string | null;
  time_zone: string;
  created_at: number;
  ending_requested_by: string | null;
  ends_at: number | null;
  ended_at: number | null;
  /** The newest event's seq; bumped in the same transaction that appends an event. */
  last_seq: number;
  /** The first local day summed in word_window; null until the window first moves. */
  words_from: string | null;
  /** The couple_questions row both must answer; null when no question is open. */
  open_question_id: string | null;
  /** JSON array of the user ids who have not answered the open question yet. */
  question_waiting: string | null;
  /** Epoch ms before which no new question is asked (the minimum gap); null: any time. */
  question_next_at: number | null;
  /**
   * JSON of the protocol's PinnedDday (what the chat screen pins); null: nothing pinned. Optional
   * so that creating a couple need not name it (the column defaults to null).
   */
  pinned_dday?: string | null;
  /** Bytes of files the couple stores (uploads in progress count what they announced). */
  storage_used?: number;
}

export interface CoupleMembersTable {
  user_id: string;
  couple_id: string;
  joined_at: number;
}

export interface ConnectionRequestsTable {
  id: string;
  from_user_id: string;
  to_user_id: string;
  time_zone: string | null;
  created_at: number;
}

export interface InvitesTable {
  user_id: string;
  code: string;
  created_at: number;
}

export interface CoupleEventsTable {
  couple_id: string;
  seq: number;
  type: string;
  /** JSON text of the protocol's CoupleEventPayload. */
  payload: string;
  created_at: number;
}

export interface MessagesTable {
  couple_id: string;
  id: string;
  seq: number;
  sender_id: string;
  /** Null once deleted: the text is gone, the tombstone keeps its place. */
  body: string | null;
  created_at: number;
  deleted_at: number | null;
  /** The couple's local day (YYYY-MM-DD) it was sent on: where its words are counted. */
  day: string | null;
  /** JSON of the protocol's AttachmentDto[] as served; null: none (or deleted). */
  attachments?: string | null;
}

export interface WordCountsTable {
  couple_id: string;
  user_id: string;
  /** Local day in the couple's time zone, YYYY-MM-DD. */
  day: string;
  word: string;
  count: number;
}

export interface CoupleQuestionsTable {
  id: string;
  couple_id: string;
  /** The bank question's id, or `custom:<id>`. */
  question_id: string;
  /** The tokenizer word that brought it up. */
  word: string;
  text_ko: string;
  text_en: string;
  principle: string | null;
  message_id: string | null;
  asked_at: number;
  revealed_at: number | null;
}

export interface QuestionAnswersTable {
  couple_question_id: string;
  user_id: string;
  body: string;
  answered_at: number;
  updated_at: number;
}

export interface CustomQuestionsTable {
  id: string;
  couple_id: string;
  /** Normalised as the tokenizer reads it. */
  word: string;
  text: string;
  created_by: string;
  created_at: number;
}

export interface DisabledKeywordsTable {
  couple_id: string;
  keyword_id: string;
}

/** Word counts summed over the ranking's window; `user_id` '*' is both partners together. */
export interface WordWindowTable {
  couple_id: string;
  user_id: string;
  word: string;
  count: number;
}

export interface ExcludedWordsTable {
  couple_id: string;
  word: string;
  excluded_by: string;
  excluded_at: number;
}

export interface ReadPositionsTable {
  couple_id: string;
  user_id: string;
  seq: number;
  updated_at: number;
}

/** A shared calendar event; dates and times are the couple's local ones. */
export interface CalendarEventsTable {
  id: string;
  couple_id: string;
  title: string;
  /** YYYY-MM-DD */
  start_date: string;
  /** YYYY-MM-DD; equal to start_date for a one-day event. */
  end_date: string;
  /** HH:MM, or null for an all-day event. */
  start_time: string | null;
  end_time: string | null;
  note: string | null;
  /** 1: repeats every year (birthdays); 0: once. */
  yearly: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface DdaysTable {
  id: string;
  couple_id: string;
  title: string;
  /** YYYY-MM-DD, the target day. */
  date: string;
  created_by: string;
  created_at: number;
}

export type AttachmentState = 'uploading' | 'ready';

export interface AttachmentsTable {
  id: string;
  couple_id: string;
  uploader_id: string;
  state: AttachmentState;
  length: number;
  received: number;
  name: string;
  declared_type: string | null;
  kind: 'image' | 'video' | 'file' | null;
  mime: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  placeholder: string | null;
  animated: number;
  variants: string;
  counted_bytes: number;
  message_id: string | null;
  message_seq: number | null;
  position: number | null;
  created_at: number;
  updated_at: number;
}

export interface UploadChunksTable {
  attachment_id: string;
  offset: number;
  size: number;
  key: string;
}

export interface MessageLinksTable {
  couple_id: string;
  message_seq: number;
  position: number;
  message_id: string;
  sender_id: string;
  url: string;
  created_at: number;
}

/** Per couple and local day: where its messages are in the seq order, and how many remain. */
export interface MessageDaysTable {
  couple_id: string;
  /** YYYY-MM-DD, the messages' own `day`. */
  day: string;
  first_seq: number;
  last_seq: number;
  /** Messages of that day that are not deleted. */
  messages: number;
}

/** The number that identifies a couple inside the search index (see db/full-text.ts). */
export interface MessageSearchCouplesTable {
  no: Generated<number>;
  couple_id: string;
}

export interface BlobDeletionsTable {
  prefix: string;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  couples: CouplesTable;
  couple_members: CoupleMembersTable;
  connection_requests: ConnectionRequestsTable;
  invites: InvitesTable;
  couple_events: CoupleEventsTable;
  messages: MessagesTable;
  read_positions: ReadPositionsTable;
  word_counts: WordCountsTable;
  word_window: WordWindowTable;
  excluded_words: ExcludedWordsTable;
  couple_questions: CoupleQuestionsTable;
  question_answers: QuestionAnswersTable;
  custom_questions: CustomQuestionsTable;
  disabled_keywords: DisabledKeywordsTable;
  calendar_events: CalendarEventsTable;
  ddays: DdaysTable;
  attachments: AttachmentsTable;
  upload_chunks: UploadChunksTable;
  message_links: MessageLinksTable;
  blob_deletions: BlobDeletionsTable;
  message_days: MessageDaysTable;
  message_search_couples: MessageSearchCouplesTable;
}
