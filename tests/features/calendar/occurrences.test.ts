// Danish time arithmetic and weekly expansion, without a database: the parts every
// calendar page and feed rely on.
import { describe, expect, it } from 'vitest';
import { localDateOf, localTimeOf, parseTimeInput, wallClockOf, zonedToUtc } from '../../../src/features/calendar/copenhagen-time.js';
import { parseDateText } from '../../../src/validation/dates.js';
import { lastOccurrenceStart, occurrencesBetween } from '../../../src/features/calendar/occurrences.js';
import { nextFrivilligFredag } from '../../../src/db/seed/demo-calendar.js';

const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('Danish local time to UTC', () => {
  it('uses +02:00 in summer and +01:00 in winter', () => {
    expect(zonedToUtc('2026-07-01', '19:00').toISOString()).toBe('2026-07-01T17:00:00.000Z');
    expect(zonedToUtc('2026-11-24', '19:00').toISOString()).toBe('2026-11-24T18:00:00.000Z');
  });

  it('changes offset exactly at the DST switches', () => {
    // 29 March 2026: 02:00 → 03:00; 25 October 2026: 03:00 → 02:00.
    expect(zonedToUtc('2026-03-29', '01:59').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(zonedToUtc('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedToUtc('2026-10-25', '01:59').toISOString()).toBe('2026-10-24T23:59:00.000Z');
    expect(zonedToUtc('2026-10-25', '03:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('moves a time skipped in spring forward, and takes the first of a repeated autumn time', () => {
    const skipped = zonedToUtc('2026-03-29', '02:30');
    expect(localTimeOf(skipped)).toBe('03:30');
    expect(zonedToUtc('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  // wallClockOf keeps each quarter hour's offset; Intl's own reading is the reference.
  it('reads the wall clock as Intl does, across the DST changes and back to local mean time', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Copenhagen',
      ...{ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
      hourCycle: 'h23',
    });
    const reference = (instant: Date) => {
      const parts = Object.fromEntries(intl.formatToParts(instant).map((part) => [part.type, part.value]));
      return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(parts[type]));
    };
    const instants: number[] = [];
    // Every 7 min 13.5 s across both 2026 changes, two days either side.
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
      const at = Date.parse(change);
      for (let t = at - 2 * 86_400_000; t < at + 2 * 86_400_000; t += 433_500) instants.push(t);
    }
    // Spread from 1890 (before Denmark's standard time of 1894) to 2100, seeded.
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 48271) % 2147483647;
      instants.push(Date.UTC(1890, 0, 1) + (seed / 2147483647) * (Date.UTC(2100, 0, 1) - Date.UTC(1890, 0, 1)));
    }
    // Midnight 1 January 1894 at local mean time (+00:50:20) and the second before.
    instants.push(Date.UTC(1893, 11, 31, 23, 9, 39), Date.UTC(1893, 11, 31, 23, 9, 40));
    for (const t of instants) {
      const w = wallClockOf(new Date(t));
      expect([w.year, w.month, w.day, w.hour, w.minute, w.second], new Date(t).toISOString()).toEqual(reference(new Date(t)));
    }
    expect(() => wallClockOf(new Date(NaN))).toThrow(RangeError);
  });

  it('round-trips through the wall clock', () => {
    for (const [d, t] of [
      ['2026-01-01', '00:00'],
      ['2026-06-30', '23:59'],
      ['2026-12-31', '12:00'],
    ] as const) {
      const instant = zonedToUtc(d, t);
      expect([localDateOf(instant), localTimeOf(instant)]).toEqual([d, t]);
    }
  });

  it('reads dates and times the way people type them', () => {
    expect(parseDateText('2026-11-24')).toBe('2026-11-24');
    expect(parseDateText('24-11-2026')).toBe('2026-11-24');
    expect(parseDateText('1.2.2027')).toBe('2027-02-01');
    expect(parseDateText('31-02-2026')).toBeNull();
    expect(parseDateText('i morgen')).toBeNull();
    expect(parseTimeInput('19.00')).toBe('19:00');
    expect(parseTimeInput('9:30')).toBe('09:30');
    expect(parseTimeInput('24:00')).toBeNull();
    expect(parseTimeInput('7')).toBeNull();
  });
});

describe('weekly activities', () => {
  // Tuesdays at 19:00 Danish time, first on 13 October 2026 (summer time), last on
  // 10 November 2026 — across the change on Sunday 25 October.
  const rehearsal = {
    recurrence: 'WEEKLY' as const,
    startsAt: zonedToUtc('2026-10-13', '19:00'),
    endsAt: zonedToUtc('2026-10-13', '21:00'),
    repeatUntil: date('2026-11-10'),
  };

  it('stays at 19:00 local time after the last Sunday of October', () => {
    const occurrences = occurrencesBetween(rehearsal, date('2026-10-01'), date('2026-12-01'));
    expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-10-13T17:00:00.000Z',
      '2026-10-20T17:00:00.000Z',
      '2026-10-27T18:00:00.000Z',
      '2026-11-03T18:00:00.000Z',
      '2026-11-10T18:00:00.000Z',
    ]);
    for (const occurrence of occurrences) {
      expect(localTimeOf(occurrence.startsAt)).toBe('19:00');
      expect(localTimeOf(occurrence.endsAt!)).toBe('21:00');
    }
  });

  it('stays at 19:00 local time across the spring change too', () => {
    const spring = { ...rehearsal, startsAt: zonedToUtc('2027-03-16', '19:00'), endsAt: null, repeatUntil: date('2027-04-06') };
    const occurrences = occurrencesBetween(spring, date('2027-03-01'), date('2027-05-01'));
    expect(occurrences.map((o) => localTimeOf(o.startsAt))).toEqual(['19:00', '19:00', '19:00', '19:00']);
    expect(occurrences.map((o) => localDateOf(o.startsAt))).toEqual(['2027-03-16', '2027-03-23', '2027-03-30', '2027-04-06']);
    expect(occurrences[0]?.endsAt).toBeNull();
  });

  it('returns only occurrences starting inside the window, including the last day', () => {
    const window = occurrencesBetween(rehearsal, zonedToUtc('2026-10-20', '00:00'), zonedToUtc('2026-11-03', '00:00'));
    expect(window.map((o) => localDateOf(o.startsAt))).toEqual(['2026-10-20', '2026-10-27']);
    expect(occurrencesBetween(rehearsal, date('2026-11-11'), date('2027-01-01'))).toEqual([]);
    expect(localDateOf(lastOccurrenceStart(rehearsal))).toBe('2026-11-10');
  });

  it('keeps a one-off activity to its own date', () => {
    const once = { recurrence: 'ONCE' as const, startsAt: zonedToUtc('2026-11-24', '19:00'), endsAt: null, repeatUntil: null };
    expect(occurrencesBetween(once, date('2026-11-01'), date('2026-12-01'))).toHaveLength(1);
    expect(occurrencesBetween(once, date('2026-11-25'), date('2026-12-01'))).toHaveLength(0);
  });
});

describe('Frivillig Fredag', () => {
  it('is the last Friday of September, this year or next', () => {
    expect(nextFrivilligFredag('2026-01-10')).toBe('2026-09-25');
    expect(nextFrivilligFredag('2026-09-25')).toBe('2026-09-25');
    expect(nextFrivilligFredag('2026-11-22')).toBe('2027-09-24');
    expect(new Date('2027-09-24T12:00:00Z').getUTCDay()).toBe(5);
  });
});
