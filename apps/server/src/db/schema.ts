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
}

export interface ReadPositionsTable {
  couple_id: string;
  user_id: string;
  seq: number;
  updated_at: number;
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
}
