import { nowMicros, parseDateTimeMicros, toGuidebookTime, toNaiveIso, toOffsetIso } from './time';

describe('time', () => {
  const us = Date.UTC(2017, 8, 6, 15, 43, 35) * 1000 + 947761;

  it('renders each dialect with microseconds', () => {
    expect(toNaiveIso(us)).toBe('2017-09-06T15:43:35.947761');
    expect(toGuidebookTime(us)).toBe('2017-09-06T15:43:35.947761+0000');
    expect(toOffsetIso(us)).toBe('2017-09-06T15:43:35.947761+00:00');
    expect(toNaiveIso(null)).toBeNull();
  });

  it('parses naive, spaced, bare-date and offset inputs', () => {
    expect(parseDateTimeMicros('2017-09-06T15:43:35.947761')).toBe(us);
    expect(parseDateTimeMicros('2017-09-06 15:43:35.947761')).toBe(us);
    expect(parseDateTimeMicros('2017-09-06')).toBe(Date.UTC(2017, 8, 6) * 1000);
    expect(parseDateTimeMicros('2017-09-18T12:00:00-04:00')).toBe(Date.UTC(2017, 8, 18, 16) * 1000);
    expect(parseDateTimeMicros('2017-09-18T16:00:00+0000')).toBe(Date.UTC(2017, 8, 18, 16) * 1000);
    expect(parseDateTimeMicros('2017-09-18T16:00:00Z')).toBe(Date.UTC(2017, 8, 18, 16) * 1000);
  });

  it('rejects what is not a date-time', () => {
    for (const bad of ['', 'yesterday', '2017-02-30', '2017-13-01', '2017-01-01T25:00', '12345']) {
      expect(parseDateTimeMicros(bad)).toBeNull();
    }
  });

  it('refuses instants outside years 0001-9999 after the offset, keeps the edges', () => {
    expect(toNaiveIso(parseDateTimeMicros('9999-12-31T23:59:59Z')!)).toBe('9999-12-31T23:59:59.000000');
    expect(parseDateTimeMicros('10000-01-01T00:00:00Z')).toBeNull();
    const nearEnd = parseDateTimeMicros('9999-12-31T23:59:59.999999Z');
    if (nearEnd !== null) expect(toNaiveIso(nearEnd)).toMatch(/^9999-12-31T23:59:59\./);
    expect(parseDateTimeMicros('9999-12-31T23:30:00-01:00')).toBeNull();
    expect(parseDateTimeMicros('0001-01-01T00:30:00+01:00')).toBeNull();
    expect(parseDateTimeMicros('0000-06-01')).toBeNull();
    expect(toNaiveIso(parseDateTimeMicros('0050-03-04T05:06:07')!)).toBe('0050-03-04T05:06:07.000000');
  });

  it('nowMicros follows the wall clock and strictly increases', () => {
    const before = Date.now() * 1000;
    const a = nowMicros();
    const b = nowMicros();
    expect(a).toBeGreaterThanOrEqual(before);
    expect(a).toBeLessThan(before + 1_000_000);
    expect(b).toBeGreaterThan(a);
    // the wall clock jumps forward 5 s (an NTP correction, a long-running process): nowMicros follows it
    const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 5000);
    try {
      const jumped = nowMicros();
      expect(jumped).toBeGreaterThanOrEqual((Date.now() - 1) * 1000);
      expect(jumped - b).toBeGreaterThanOrEqual(4_000_000);
    } finally {
      spy.mockRestore();
    }
    // and when it steps back again, the value still never decreases
    expect(nowMicros()).toBeGreaterThan(b);
  });
});
