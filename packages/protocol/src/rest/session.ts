import { z } from 'zod';
import { limits } from '../limits.js';

/** POST /api/sessions — log in with a username or an e-mail address. */
export const LogInBody = z
  .object({
    login: z.string().trim().min(1).max(limits.emailMax),
    password: z.string().min(1).max(limits.passwordMax),
  })
  .strict()
  .meta({ id: 'LogInBody' });
export type LogInBody = z.infer<typeof LogInBody>;
