import { z } from 'zod';
import { Username } from './account.js';

/** A calendar date without time, as the couple lives it (YYYY-MM-DD, validated as a real date). */
export const LocalDate = z.iso.date();

/** An IANA time zone the runtime knows, e.g. "Asia/Seoul". */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

/** Another user as a partner or a request counterpart sees them. */
export const PersonDto = z
  .object({ id: z.string(), username: z.string(), displayName: z.string() })
  .meta({ id: 'Person' });
export type PersonDto = z.infer<typeof PersonDto>;

export const ConnectionRequestDto = z
  .object({
    id: z.string(),
    from: PersonDto,
    to: PersonDto,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ConnectionRequest' });
export type ConnectionRequestDto = z.infer<typeof ConnectionRequestDto>;

export const ConnectionRequestsResponse = z
  .object({
    received: z.array(ConnectionRequestDto),
    /** At most one: a user has one outgoing request at a time. */
    sent: z.array(ConnectionRequestDto),
  })
  .meta({ id: 'ConnectionRequests' });
export type ConnectionRequestsResponse = z.infer<typeof ConnectionRequestsResponse>;

/** POST /api/connection-requests — ask someone by username. */
export const CreateConnectionRequestBody = z
  .object({ username: Username, timeZone: TimeZone.optional() })
  .strict()
  .meta({ id: 'CreateConnectionRequestBody' });
export type CreateConnectionRequestBody = z.infer<typeof CreateConnectionRequestBody>;

/** POST /api/connection-requests/:id/approval — approve a received request. */
export const ApproveConnectionRequestBody = z
  .object({ timeZone: TimeZone.optional() })
  .strict()
  .meta({ id: 'ApproveConnectionRequestBody' });

export const InviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{8}$/, 'An invite code is 8 letters and digits');

export const InviteDto = z
  .object({ code: InviteCode, createdAt: z.iso.datetime() })
  .meta({ id: 'Invite' });
export type InviteDto = z.infer<typeof InviteDto>;

/** GET /api/invites/:code — who shared this code (so the visitor knows whom they connect with). */
export const InvitePreviewResponse = z.object({ inviter: PersonDto }).meta({ id: 'InvitePreview' });
export type InvitePreviewResponse = z.infer<typeof InvitePreviewResponse>;

/** POST /api/invites/:code/acceptance — connect with the person who shared the code. */
export const AcceptInviteBody = z
  .object({ timeZone: TimeZone.optional() })
  .strict()
  .meta({ id: 'AcceptInviteBody' });

export const CoupleStatus = z.enum(['active', 'ending']);

export const CoupleDto = z
  .object({
    id: z.string(),
    status: CoupleStatus,
    partner: PersonDto,
    /** Day 1 of the relationship ("우리 만난 지 N일"); null until a partner sets it. */
    startDate: LocalDate.nullable(),
    timeZone: z.string(),
    createdAt: z.iso.datetime(),
    /** Set while ending: the exact moment the connection ends unless cancelled. */
    endsAt: z.iso.datetime().nullable(),
    endingRequestedBy: z.string().nullable(),
    /** The newest event's sequence number (for resuming the real-time channel). */
    lastSeq: z.number().int().nonnegative(),
  })
  .meta({ id: 'Couple' });
export type CoupleDto = z.infer<typeof CoupleDto>;

export const CoupleResponse = z
  .object({ couple: CoupleDto.nullable() })
  .meta({ id: 'CoupleResponse' });
export type CoupleResponse = z.infer<typeof CoupleResponse>;

/** PATCH /api/couple — either partner edits the shared settings. */
export const UpdateCoupleBody = z
  .object({ startDate: LocalDate.nullable().optional(), timeZone: TimeZone.optional() })
  .strict()
  .refine((b) => b.startDate !== undefined || b.timeZone !== undefined, 'Nothing to change')
  .meta({ id: 'UpdateCoupleBody' });
export type UpdateCoupleBody = z.infer<typeof UpdateCoupleBody>;

export const GRACE_PERIOD_DAYS = 7;

/** Path parameters. */
export const IdParams = z.object({ id: z.uuid() });
export const InviteCodeParams = z.object({ code: InviteCode });
export const ExportQuery = z.object({ format: z.enum(['json', 'html']).default('json') }).strict();

export const ConnectionRequestResponse = z
  .object({ request: ConnectionRequestDto })
  .meta({ id: 'ConnectionRequestResponse' });
export const InviteResponse = z.object({ invite: InviteDto }).meta({ id: 'InviteResponse' });

/** POST /api/test/clock — only when the server runs with TEST_CLOCK=true (never in production). */
export const AdvanceClockBody = z
  .object({
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(400 * 24 * 3600 * 1000),
  })
  .strict();
export const ClockResponse = z.object({ now: z.iso.datetime() });
