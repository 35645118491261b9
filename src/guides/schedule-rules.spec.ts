import { FieldErrorsException } from '../common/errors';
import { loadAppConfig } from '../config/app-config';
import { resolveSessionTimes, utcDay } from './schedule-rules';

const us = (iso: string) => Date.parse(iso) * 1000;

function fieldErrors(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldErrorsException) return error.errors;
    throw error;
  }
  throw new Error('expected a FieldErrorsException');
}

describe('resolveSessionTimes', () => {
  it('creates a timed session from start and end, converting offsets to UTC', () => {
    expect(
      resolveSessionTimes(null, { start_time: '2017-09-18T12:00:00-04:00', end_time: '2017-09-18T17:00:00' }),
    ).toEqual({ startTime: us('2017-09-18T16:00:00Z'), endTime: us('2017-09-18T17:00:00Z'), allDay: false });
  });

  it('makes a session without an end all-day, unless told otherwise', () => {
    expect(resolveSessionTimes(null, { start_time: '2017-09-18' })).toEqual({
      startTime: us('2017-09-18T00:00:00Z'),
      endTime: null,
      allDay: true,
    });
    expect(
      fieldErrors(() => resolveSessionTimes(null, { start_time: '2017-09-18', all_day: false })),
    ).toEqual({
      end_time: ['An end time is required unless the session is all day.'],
    });
    // an explicit all-day session may still carry an end (a multi-day block)
    expect(
      resolveSessionTimes(null, { start_time: '2017-09-18', end_time: '2017-09-19', all_day: true }).allDay,
    ).toBe(true);
  });

  it('allows an end equal to the start and refuses one before it', () => {
    expect(
      resolveSessionTimes(null, { start_time: '2017-09-18T16:00', end_time: '2017-09-18T16:00' }).endTime,
    ).toBe(us('2017-09-18T16:00:00Z'));
    expect(
      fieldErrors(() =>
        resolveSessionTimes(null, { start_time: '2017-09-18T16:00', end_time: '2017-09-18T15:59:59.999999' }),
      ),
    ).toEqual({ end_time: ['The end time must not be before the start time.'] });
  });

  it('on PATCH keeps what is not sent and checks the merged times', () => {
    const current = {
      startTime: us('2017-09-18T16:00:00Z'),
      endTime: us('2017-09-18T17:00:00Z'),
      allDay: false,
    };
    expect(resolveSessionTimes(current, {})).toEqual(current);
    expect(resolveSessionTimes(current, { end_time: '2017-09-18T18:00:00' })).toEqual({
      ...current,
      endTime: us('2017-09-18T18:00:00Z'),
    });
    expect(resolveSessionTimes(current, { end_time: null })).toEqual({
      ...current,
      endTime: null,
      allDay: true,
    });
    expect(fieldErrors(() => resolveSessionTimes(current, { start_time: '2017-09-18T17:00:01' }))).toEqual({
      end_time: ['The end time must not be before the start time.'],
    });
  });
});

describe('utcDay', () => {
  it('gives the start of the UTC day and the seconds left until the next midnight', () => {
    const noon = Date.parse('2017-09-18T12:00:00Z');
    expect(utcDay(noon)).toEqual({ startMicros: us('2017-09-18T00:00:00Z'), secondsLeft: 43_200 });
    expect(utcDay(Date.parse('2017-09-18T23:59:59.500Z')).secondsLeft).toBe(1);
    expect(utcDay(Date.parse('2017-09-19T00:00:00Z'))).toEqual({
      startMicros: us('2017-09-19T00:00:00Z'),
      secondsLeft: 86_400,
    });
  });
});

describe('GUIDEBOOK_DAILY_LIMIT', () => {
  it('defaults to 10,000 and refuses a value that is not a positive integer', () => {
    expect(loadAppConfig({}).guidebookDailyLimit).toBe(10_000);
    expect(loadAppConfig({ GUIDEBOOK_DAILY_LIMIT: '25' }).guidebookDailyLimit).toBe(25);
    for (const bad of ['lots', '0', '-3', '1.5']) {
      expect(() => loadAppConfig({ GUIDEBOOK_DAILY_LIMIT: bad })).toThrow(/GUIDEBOOK_DAILY_LIMIT/);
    }
  });
});
