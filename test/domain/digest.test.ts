import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../domain/calendar';
import { digestMoment } from '../../domain/digest';
import { fixture2027 } from './calendar/fixture';

const calendar = createCalendar(packageYears());

describe('the morning a step goes out', () => {
  it('a reminder scheduled for a working morning goes that morning', () => {
    expect(digestMoment(calendar, '2026-12-01T09:00:00+08:00', '2026-11-30T15:00:00+08:00')).toEqual({
      date: '2026-12-01',
      sendAt: '2026-12-01T09:00:00.000+08:00',
    });
  });

  it('a card reached at midnight on a Saturday goes on Monday morning', () => {
    expect(digestMoment(calendar, '2026-12-05T00:00:00+08:00', '2026-12-05T00:00:00+08:00')).toEqual({
      date: '2026-12-07',
      sendAt: '2026-12-07T09:00:00.000+08:00',
    });
  });

  it('a card reached during a working day waits for the next working morning', () => {
    expect(digestMoment(calendar, '2026-12-03T14:00:00+08:00', '2026-12-03T14:00:00+08:00')).toEqual({
      date: '2026-12-04',
      sendAt: '2026-12-04T09:00:00.000+08:00',
    });
  });

  it('National Day: a card reached on 2026-10-01 goes on 2026-10-08, the first working day', () => {
    expect(digestMoment(calendar, '2026-10-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00').date).toBe('2026-10-08');
  });

  it('a 调休 Saturday is a working morning: 2026-10-10', () => {
    expect(digestMoment(calendar, '2026-10-09T12:00:00+08:00', '2026-10-09T12:00:00+08:00')).toEqual({
      date: '2026-10-10',
      sendAt: '2026-10-10T09:00:00.000+08:00',
    });
  });

  it('a plan started late on a working afternoon sends its past steps now', () => {
    expect(digestMoment(calendar, '2026-11-02T09:00:00+08:00', '2026-11-30T15:00:00+08:00')).toEqual({
      date: '2026-11-30',
      sendAt: '2026-11-30T15:00:00.000+08:00',
    });
  });

  it('started late before dawn, or on a rest day, they wait for the working morning', () => {
    expect(digestMoment(calendar, '2026-11-02T09:00:00+08:00', '2026-11-30T06:00:00+08:00').sendAt).toBe('2026-11-30T09:00:00.000+08:00');
    expect(digestMoment(calendar, '2026-11-02T09:00:00+08:00', '2026-12-05T15:00:00+08:00').sendAt).toBe('2026-12-07T09:00:00.000+08:00');
  });

  it('the year end: reached on Thursday 2026-12-31 in the afternoon, it goes after the New Year holiday of the loaded 2027 notice', () => {
    // The fictional test year has 元旦 on 2027-01-01..03 (Friday to Sunday): Monday 2027-01-04.
    const withNotice = createCalendar([...packageYears(), fixture2027()]);
    expect(digestMoment(withNotice, '2026-12-31T15:00:00+08:00', '2026-12-31T15:00:00+08:00')).toEqual({
      date: '2027-01-04',
      sendAt: '2027-01-04T09:00:00.000+08:00',
    });
  });

  it('an immediate step goes now on a working day, not before its morning, and still waits out a rest day', () => {
    expect(digestMoment(calendar, '2026-12-03T00:00:00+08:00', '2026-12-03T00:00:05+08:00', { immediate: true }).sendAt).toBe('2026-12-03T09:00:00.000+08:00');
    expect(digestMoment(calendar, '2026-12-03T14:00:00+08:00', '2026-12-03T14:00:00+08:00', { immediate: true }).sendAt).toBe('2026-12-03T14:00:00.000+08:00');
    expect(digestMoment(calendar, '2026-12-05T14:00:00+08:00', '2026-12-05T14:00:00+08:00', { immediate: true }).sendAt).toBe('2026-12-07T09:00:00.000+08:00');
  });
});
