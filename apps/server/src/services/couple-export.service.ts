import type {
  CalendarEventDto,
  CoupleDto,
  DdayDto,
  Locale,
  MessageDto,
  PersonDto,
  QuestionDto,
} from '@couple-chat/protocol';
import type { Clock } from '../lib/clock.js';
import { escapeHtml } from '../lib/html.js';
import type { Repositories } from '../models/repositories.js';
import type { AccessService } from './access.service.js';
import { toCalendarEventDto, toDdayDto } from './calendar.service.js';
import { toCoupleDto, toPersonDto } from './couple.presenter.js';
import { type CoupleLifecycleEventDto, isLifecycleEvent, toCoupleEventDto } from './couple-log.js';
import { toMessageDto } from './message.presenter.js';
import { toQuestionDto } from './question.presenter.js';
import type { AuthContext } from './session.service.js';

export interface CoupleExport {
  format: 'couple-chat-export';
  version: 1;
  exportedAt: string;
  exportedBy: PersonDto;
  couple: CoupleDto;
  /** The couple's own milestones (connected, settings, ending requested/cancelled). */
  history: CoupleLifecycleEventDto[];
  /** Every message, oldest first; deleted ones as tombstones without text. */
  messages: MessageDto[];
  /**
   * Every question asked, oldest first: both answers once revealed, else only the exporter's own
   * (the partner's stays theirs until both have answered).
   */
  answers: QuestionDto[];
  /** The shared calendar's events, and the D-days. */
  calendar: CalendarEventDto[];
  ddays: DdayDto[];
}

/** A copy of everything the couple shares, for keeping before the connection ends. */
export class CoupleExportService {
  constructor(
    private readonly deps: { repos: Repositories; access: AccessService; clock: Clock },
  ) {}

  async build(auth: AuthContext): Promise<CoupleExport> {
    const { couple, partnerId } = await this.deps.access.requireCouple(auth);
    const partner = await this.deps.repos.users.findById(partnerId);
    if (!partner) throw new Error('partner row missing');
    const history: CoupleLifecycleEventDto[] = [];
    for (let after = 0; ; ) {
      const page = await this.deps.repos.coupleEvents.listAfter(couple.id, after, 500, true);
      history.push(...page.map(toCoupleEventDto).filter(isLifecycleEvent));
      if (page.length < 500) break;
      after = Number(page.at(-1)?.seq);
    }
    const messages: MessageDto[] = [];
    for (let before: number | undefined; ; ) {
      const page = await this.deps.repos.messages.listBefore(couple.id, before, 500);
      messages.push(...page.map(toMessageDto));
      if (page.length < 500) break;
      before = Number(page.at(-1)?.seq);
    }
    messages.reverse();
    const questions = await this.deps.repos.questions.all(couple.id);
    const answers = await this.deps.repos.questions.answersOf(questions.map((q) => q.id));
    const calendar = await this.deps.repos.calendarEvents.list(couple.id);
    const ddays = await this.deps.repos.ddays.list(couple.id);
    return {
      format: 'couple-chat-export',
      version: 1,
      exportedAt: new Date(this.deps.clock.now()).toISOString(),
      exportedBy: toPersonDto(auth.user),
      couple: toCoupleDto(couple, partner),
      history,
      messages,
      answers: questions.map((q) =>
        toQuestionDto(
          q,
          answers.filter((a) => a.couple_question_id === q.id),
          auth.user.id,
        ),
      ),
      calendar: calendar.map(toCalendarEventDto),
      ddays: ddays.map(toDdayDto),
    };
  }
}

const copy = {
  ko: {
    title: 'couple-chat 내보내기',
    exported: '내보낸 시각',
    couple: '커플',
    since: '시작일',
    timeZone: '시간대',
    history: '기록',
    messages: '메시지',
    answers: '질문과 답변',
    calendar: '캘린더',
    none: '아직 없어요.',
    waiting: '상대의 답을 기다리는 중',
    yearly: '매년',
    ddays: 'D-Day',
    deleted: '삭제된 메시지입니다',
    events: {
      'couple.connected': '연결됨',
      'couple.updated': '설정 변경',
      'couple.ending_requested': '연결 종료 요청',
      'couple.ending_cancelled': '연결 종료 취소',
    },
  },
  en: {
    title: 'couple-chat export',
    exported: 'Exported at',
    couple: 'Couple',
    since: 'Since',
    timeZone: 'Time zone',
    history: 'History',
    messages: 'Messages',
    answers: 'Questions and answers',
    calendar: 'Calendar',
    none: 'Nothing yet.',
    waiting: 'Waiting for the other answer',
    yearly: 'every year',
    ddays: 'D-Days',
    deleted: 'This message was deleted',
    events: {
      'couple.connected': 'Connected',
      'couple.updated': 'Settings changed',
      'couple.ending_requested': 'Ending requested',
      'couple.ending_cancelled': 'Ending cancelled',
    },
  },
} as const;

/** A self-contained, readable HTML page of the export; every value is escaped. */
export function renderExportHtml(data: CoupleExport, locale: Locale): string {
  const t = copy[locale];
  const names = new Map([
    [data.exportedBy.id, data.exportedBy.displayName],
    [data.couple.partner.id, data.couple.partner.displayName],
  ]);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: data.couple.timeZone,
    }).format(new Date(iso));
  const rows = data.history
    .map(
      (e) =>
        `<tr><td>${escapeHtml(when(e.at))}</td><td>${escapeHtml(t.events[e.event.type])}</td><td>${escapeHtml(names.get(e.event.by) ?? '')}</td></tr>`,
    )
    .join('\n');
  const empty = `<p class="muted">${escapeHtml(t.none)}</p>`;
  const messages = data.messages.length
    ? `<table><tbody>\n${data.messages
        .map(
          (m) =>
            `<tr><td>${escapeHtml(when(m.createdAt))}</td><td>${escapeHtml(names.get(m.senderId) ?? '')}</td><td>${m.body === null ? `<span class="muted">${escapeHtml(t.deleted)}</span>` : escapeHtml(m.body).replaceAll('\n', '<br>')}</td></tr>`,
        )
        .join('\n')}\n</tbody></table>`
    : '';
  const answers = data.answers.length
    ? data.answers
        .map((q) => {
          const given = q.answers
            .map(
              (a) =>
                `<li><strong>${escapeHtml(names.get(a.userId) ?? '')}</strong>: ${escapeHtml(a.body).replaceAll('\n', '<br>')}</li>`,
            )
            .join('');
          const waiting = q.revealedAt ? '' : `<li class="muted">${escapeHtml(t.waiting)}</li>`;
          return `<h3>${escapeHtml(q.text[locale])}</h3><p class="muted">${escapeHtml(when(q.askedAt))}</p><ul>${given}${waiting}</ul>`;
        })
        .join('\n')
    : '';
  const calendar = data.calendar.length
    ? `<table><tbody>\n${data.calendar
        .map((e) => {
          const days = e.endDate === e.startDate ? e.startDate : `${e.startDate} – ${e.endDate}`;
          const time = e.startTime ? ` ${e.startTime}${e.endTime ? `–${e.endTime}` : ''}` : '';
          const yearly = e.yearly ? ` (${t.yearly})` : '';
          return `<tr><td>${escapeHtml(days + time + yearly)}</td><td>${escapeHtml(e.title)}</td><td>${escapeHtml(e.note ?? '')}</td></tr>`;
        })
        .join('\n')}\n</tbody></table>`
    : '';
  const ddays = data.ddays.length
    ? `<table><tbody>\n${data.ddays
        .map((d) => `<tr><td>${escapeHtml(d.date)}</td><td>${escapeHtml(d.title)}</td></tr>`)
        .join('\n')}\n</tbody></table>`
    : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>
body{font-family:system-ui,"Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem;color:#2b2024;line-height:1.6}
h1{color:#b3415e}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eadbd5;padding:.4rem;text-align:left}.muted{color:#7a6a6f}
</style>
</head>
<body>
<h1>${escapeHtml(t.title)}</h1>
<p class="muted">${escapeHtml(t.exported)}: ${escapeHtml(when(data.exportedAt))}</p>
<h2>${escapeHtml(t.couple)}</h2>
<p>${escapeHtml(data.exportedBy.displayName)} &amp; ${escapeHtml(data.couple.partner.displayName)}</p>
<p>${escapeHtml(t.since)}: ${escapeHtml(data.couple.startDate ?? '—')} · ${escapeHtml(t.timeZone)}: ${escapeHtml(data.couple.timeZone)}</p>
<h2>${escapeHtml(t.history)}</h2>
<table><tbody>
${rows}
</tbody></table>
<h2>${escapeHtml(t.messages)}</h2>${messages || empty}
<h2>${escapeHtml(t.answers)}</h2>${answers || empty}
<h2>${escapeHtml(t.calendar)}</h2>${calendar || empty}
<h2>${escapeHtml(t.ddays)}</h2>${ddays || empty}
</body>
</html>
`;
}
