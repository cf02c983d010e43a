import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../lib/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** Real delivery through any SMTP server (free, unlike the paid e-mail APIs the first version needed). */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * With no SMTP_URL the e-mail is not sent: it is logged and written to DATA_DIR/dev-outbox, so a
 * self-hoster can still hand a reset link to a friend.
 */
export function createDevOutboxMailer(dataDir: string, logger: Logger): Mailer {
  const dir = path.join(dataDir, 'dev-outbox');
  return {
    async send(message) {
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.txt`);
      const body = `To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`;
      await fs.writeFile(file, body, { mode: 0o600 });
      logger.warn(
        { to: message.to, subject: message.subject, file, text: message.text },
        'DEV OUTBOX: SMTP_URL is not set, so this e-mail was NOT sent; it was saved to the dev outbox',
      );
    },
    async close() {},
  };
}
