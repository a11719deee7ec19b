// iCalendar (RFC 5545) for events: the attachment of a registration's confirmation and a member's
// feed. Times in UTC ("Z" form, §3.3.5), text escaped (§3.3.11), CRLF line ends and lines folded at
// 75 octets without cutting a UTF-8 character (§3.1).

export type CalendarEvent = {
  /** Globally unique and stable: the same event keeps its UID across updates. */
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Revision number: calendars replace an event when it grows (§3.8.7.4). */
  sequence?: number;
};

export type Calendar = {
  /** When this file was produced: every DTSTAMP. */
  stamp: Date;
  name?: string;
  method?: 'PUBLISH' | 'CANCEL';
  events: readonly CalendarEvent[];
};

/** 2026-11-20T10:00:00.000Z → 20261120T100000Z */
export const utcStamp = (d: Date): string => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** TEXT value: backslash, semicolon, comma escaped, line breaks as \n (§3.3.11). */
export const escapeText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/** Folds one content line: at most 75 octets per physical line, continuations start with a space. */
export function foldLine(line: string): string {
  if (octets(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = octets(ch);
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      // The leading space of a continuation line counts toward its 75 octets.
      limit = 74;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildCalendar(c: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Commune//Vie coopérative//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${c.method ?? 'PUBLISH'}`,
  ];
  if (c.name) lines.push(`X-WR-CALNAME:${escapeText(c.name)}`);
  for (const e of c.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(c.stamp)}`,
      `DTSTART:${utcStamp(e.startsAt)}`,
      `DTEND:${utcStamp(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push(`STATUS:${e.status ?? 'CONFIRMED'}`, `SEQUENCE:${e.sequence ?? 0}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
