import { z } from 'zod';
import { limits, supportedLocales } from '../limits.js';

// Usernames are ASCII so they are easy to share by voice or text; display names carry Hangul.
const usernamePattern = /^[A-Za-z0-9_.]+$/;

export const Username = z
  .string()
  .trim()
  .min(limits.usernameMin)
  .max(limits.usernameMax)
  .regex(usernamePattern);

export const Email = z.string().trim().max(limits.emailMax).pipe(z.email());

export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(limits.displayNameMax)
  // Control characters have no place in a name shown to a partner.
  .regex(/^[^\p{Cc}]+$/u);

/** Any characters at all; only the length is limited (and the common-password list on the server). */
export const Password = z.string().min(limits.passwordMin).max(limits.passwordMax);

export const Locale = z.enum(supportedLocales);
export type Locale = z.infer<typeof Locale>;

/** The signed-in user as the API shows them to themselves. */
export const MeDto = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string(),
    displayName: z.string(),
    locale: Locale,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Me' });
export type MeDto = z.infer<typeof MeDto>;

export const MeResponse = z.object({ user: MeDto }).meta({ id: 'MeResponse' });
export type MeResponse = z.infer<typeof MeResponse>;

/** POST /api/users — sign up; the response also starts a session. */
export const SignUpBody = z
  .object({
    username: Username,
    email: Email,
    displayName: DisplayName,
    password: Password,
    locale: Locale.default('ko'),
  })
  .strict()
  .meta({ id: 'SignUpBody' });
export type SignUpBody = z.input<typeof SignUpBody>;
/** Sign-up data after parsing (defaults applied). */
export type SignUpData = z.output<typeof SignUpBody>;

/** PATCH /api/me — profile settings. */
export const UpdateMeBody = z
  .object({
    displayName: DisplayName.optional(),
    locale: Locale.optional(),
  })
  .strict()
  .meta({ id: 'UpdateMeBody' });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/** PUT /api/me/password — requires the current password; ends every other session. */
export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(limits.passwordMax),
    newPassword: Password,
  })
  .strict()
  .meta({ id: 'ChangePasswordBody' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** DELETE /api/me — withdrawal; requires the password. */
export const DeleteAccountBody = z
  .object({
    password: z.string().min(1).max(limits.passwordMax),
  })
  .strict()
  .meta({ id: 'DeleteAccountBody' });
export type DeleteAccountBody = z.infer<typeof DeleteAccountBody>;
