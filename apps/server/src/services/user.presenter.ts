import { Locale, type MeDto } from '@couple-chat/protocol';
import type { UserRow } from '../models/user.repository.js';

export function toMeDto(
  user: Pick<UserRow, 'id' | 'username' | 'email' | 'display_name' | 'locale' | 'created_at'>,
): MeDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    displayName: user.display_name,
    locale: Locale.catch('ko').parse(user.locale),
    createdAt: new Date(user.created_at).toISOString(),
  };
}
