import type { ConnectionRequestDto, CoupleDto, PersonDto } from '@couple-chat/protocol';
import type { ConnectionRequestView, PersonRow } from '../models/connection-request.repository.js';
import type { CoupleRow } from '../models/couple.repository.js';

export const toPersonDto = (p: PersonRow): PersonDto => ({
  id: p.id,
  username: p.username,
  displayName: p.display_name,
});

export const toRequestDto = (r: ConnectionRequestView): ConnectionRequestDto => ({
  id: r.id,
  from: toPersonDto(r.from),
  to: toPersonDto(r.to),
  createdAt: new Date(r.created_at).toISOString(),
});

export function toCoupleDto(couple: CoupleRow, partner: PersonRow): CoupleDto {
  return {
    id: couple.id,
    status: couple.status === 'ending' ? 'ending' : 'active',
    partner: toPersonDto(partner),
    startDate: couple.start_date,
    timeZone: couple.time_zone,
    createdAt: new Date(couple.created_at).toISOString(),
    endsAt: couple.ends_at === null ? null : new Date(couple.ends_at).toISOString(),
    endingRequestedBy: couple.ending_requested_by,
    lastSeq: Number(couple.last_seq),
  };
}
