import { z } from 'zod';
import { Email, Password } from './account.js';

/** POST /api/password-resets — always 202, whether or not the address is registered. */
export const RequestPasswordResetBody = z
  .object({ email: Email })
  .strict()
  .meta({ id: 'RequestPasswordResetBody' });
export type RequestPasswordResetBody = z.infer<typeof RequestPasswordResetBody>;

/** POST /api/password-resets/confirm — the token from the e-mailed link and the new password. */
export const ConfirmPasswordResetBody = z
  .object({
    token: z
      .string()
      .min(20)
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/),
    newPassword: Password,
  })
  .strict()
  .meta({ id: 'ConfirmPasswordResetBody' });
export type ConfirmPasswordResetBody = z.infer<typeof ConfirmPasswordResetBody>;

export const AcceptedResponse = z.object({ accepted: z.literal(true) }).meta({ id: 'Accepted' });
