import type { Locale } from '@couple-chat/protocol';
import { escapeHtml } from '../lib/html.js';
import type { MailMessage } from './mailer.js';

const resetCopy = {
  ko: {
    subject: '[couple-chat] 비밀번호 재설정 링크',
    greeting: (name: string) => `${name}님, 안녕하세요.`,
    body: '아래 링크에서 새 비밀번호를 설정할 수 있어요. 링크는 30분 동안 한 번만 쓸 수 있어요.',
    ignore:
      '비밀번호 재설정을 요청하지 않았다면 이 메일은 무시해 주세요. 비밀번호는 바뀌지 않아요.',
    button: '새 비밀번호 설정하기',
  },
  en: {
    subject: '[couple-chat] Your password reset link',
    greeting: (name: string) => `Hi ${name},`,
    body: 'Use the link below to set a new password. It works once, for 30 minutes.',
    ignore: "If you didn't ask to reset your password, ignore this e-mail; nothing will change.",
    button: 'Set a new password',
  },
} as const;

export function passwordResetEmail(opts: {
  to: string;
  displayName: string;
  locale: Locale;
  link: string;
}): MailMessage {
  const copy = resetCopy[opts.locale];
  const text = [copy.greeting(opts.displayName), '', copy.body, opts.link, '', copy.ignore].join(
    '\n',
  );
  const html = `<p>${escapeHtml(copy.greeting(opts.displayName))}</p>
<p>${escapeHtml(copy.body)}</p>
<p><a href="${escapeHtml(opts.link)}">${escapeHtml(copy.button)}</a></p>
<p style="color:#666">${escapeHtml(copy.ignore)}</p>`;
  return { to: opts.to, subject: copy.subject, text, html };
}
