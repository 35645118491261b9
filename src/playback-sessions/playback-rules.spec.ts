import {
  acceptedPosition,
  applyProgressChange,
  changesProgress,
  clampLocalListening,
  computeProgress,
  localDay,
  newAbsId,
  startPosition,
} from './playback-rules';

describe('localDay (date / dayOfWeek in APP_TIMEZONE)', () => {
  it("reproduces the seed's day", () => {
    expect(localDay(1668330137087, 'UTC')).toEqual({ date: '2022-11-13', dayOfWeek: 'Sunday' });
    expect(localDay(1668580247687, 'UTC')).toEqual({ date: '2022-11-16', dayOfWeek: 'Wednesday' });
  });

  it('puts an instant on the local day of the zone, not the UTC day', () => {
    const t = Date.UTC(2022, 10, 16, 3, 30); // 03:30Z = 22:30 the evening before in New York
    expect(localDay(t, 'UTC')).toEqual({ date: '2022-11-16', dayOfWeek: 'Wednesday' });
    expect(localDay(t, 'America/New_York')).toEqual({ date: '2022-11-15', dayOfWeek: 'Tuesday' });
    expect(localDay(Date.UTC(2024, 0, 1, 10), 'Pacific/Kiritimati')).toEqual({
      date: '2024-01-02',
      dayOfWeek: 'Tuesday',
    });
  });

  it('switches day exactly at local midnight', () => {
    // Berlin in winter is UTC+1: 22:59:59.999Z is 23:59:59.999, 23:00Z is 00:00 the next day
    expect(localDay(Date.UTC(2024, 0, 5, 22, 59, 59, 999), 'Europe/Berlin').date).toBe('2024-01-05');
    expect(localDay(Date.UTC(2024, 0, 5, 23, 0), 'Europe/Berlin')).toEqual({
      date: '2024-01-06',
      dayOfWeek: 'Saturday',
    });
  });

  it('follows daylight-saving changes', () => {
    // New York springs forward on 2024-03-10 at 07:00Z (02:00 EST → 03:00 EDT)
    expect(localDay(Date.UTC(2024, 2, 10, 4, 59), 'America/New_York').date).toBe('2024-03-09'); // 23:59 EST
    expect(localDay(Date.UTC(2024, 2, 10, 5, 0), 'America/New_York').date).toBe('2024-03-10'); // 00:00 EST
    // after the change midnight is at 04:00Z
    expect(localDay(Date.UTC(2024, 2, 11, 3, 59), 'America/New_York').date).toBe('2024-03-10'); // 23:59 EDT
    expect(localDay(Date.UTC(2024, 2, 11, 4, 0), 'America/New_York')).toEqual({
      date: '2024-03-11',
      dayOfWeek: 'Monday',
    });
    // Berlin falls back on 2024-10-27: midnight that day is 22:00Z (CEST), the next one 23:00Z (CET)
    expect(localDay(Date.UTC(2024, 9, 26, 21, 59), 'Europe/Berlin').date).toBe('2024-10-26');
    expect(localDay(Date.UTC(2024, 9, 26, 22, 0), 'Europe/Berlin')).toEqual({
      date: '2024-10-27',
      dayOfWeek: 'Sunday',
    });
    expect(localDay(Date.UTC(2024, 9, 27, 22, 59), 'Europe/Berlin').date).toBe('2024-10-27');
    expect(localDay(Date.UTC(2024, 9, 27, 23, 0), 'Europe/Berlin').date).toBe('2024-10-28');
  });

  it('gives a session crossing midnight the day it started on (the rule used for statistics)', () => {
    const start = Date.UTC(2024, 0, 5, 22, 50); // 23:50 in Berlin
    const end = start + 40 * 60_000; // 00:30 the next day
    expect(localDay(start, 'Europe/Berlin').date).toBe('2024-01-05');
    expect(localDay(end, 'Europe/Berlin').date).toBe('2024-01-06');
  });
});

describe('computeProgress', () => {
  it('is the fraction of the duration, finished when fewer than the threshold seconds remain', () => {
    expect(computeProgress(636.09262, 1454.18449, 10)).toEqual({
      progress: 636.09262 / 1454.18449,
      isFinished: false,
    });
    expect(computeProgress(1444.2, 1454.18449, 10)).toEqual({ progress: 1, isFinished: true });
    expect(computeProgress(1444.18449, 1454.18449, 10).isFinished).toBe(false); // exactly 10 s left
    expect(computeProgress(1454.18449, 1454.18449, 10).isFinished).toBe(true);
  });

  it('un-finishes when the position moves back (re-listening)', () => {
    expect(computeProgress(1450, 1454, 10).isFinished).toBe(true);
    expect(computeProgress(3, 1454, 10)).toEqual({ progress: 3 / 1454, isFinished: false });
  });

  it('stays within 0..1 and never finishes an item without duration', () => {
    expect(computeProgress(5000, 100, 10).progress).toBe(1);
    expect(computeProgress(-5, 100, 10).progress).toBe(0);
    expect(computeProgress(10, 0, 10)).toEqual({ progress: 0, isFinished: false });
  });

  it('honours a configured threshold', () => {
    expect(computeProgress(95, 100, 10).isFinished).toBe(true);
    expect(computeProgress(95, 100, 2).isFinished).toBe(false);
  });
});

describe('startPosition', () => {
  it('resumes an unfinished item, restarts a finished or new one', () => {
    expect(startPosition(null)).toBe(0);
    expect(startPosition({ currentTime: 612.5, isFinished: false })).toBe(612.5);
    expect(startPosition({ currentTime: 1450, isFinished: true })).toBe(0);
  });
});

describe('acceptedPosition', () => {
  it('accepts positions within the duration, rounds a tiny overshoot to the end, refuses more', () => {
    expect(acceptedPosition(636.09262, 1454.18449)).toBe(636.09262);
    expect(acceptedPosition(0, 100)).toBe(0);
    expect(acceptedPosition(100.4, 100)).toBe(100);
    expect(acceptedPosition(102, 100)).toBeNull();
    expect(acceptedPosition(-1, 100)).toBeNull();
    expect(acceptedPosition(Number.NaN, 100)).toBeNull();
    expect(acceptedPosition(Number.POSITIVE_INFINITY, 100)).toBeNull();
  });
});

describe('clampLocalListening', () => {
  it('caps a local session at its own wall-clock span plus the tolerance', () => {
    expect(clampLocalListening(20, 1668580247687, 1668580396623, 10)).toBe(20); // seed: 149 s span
    expect(clampLocalListening(5000, 1668580247687, 1668580396623, 10)).toBeCloseTo(158.936, 3);
    expect(clampLocalListening(50, 1000, 1000, 0)).toBe(0);
    expect(clampLocalListening(-3, 0, 10_000, 0)).toBe(0);
  });
});

describe('newAbsId', () => {
  it("looks like the seed's ids", () => {
    expect(newAbsId('play')).toMatch(/^play_[a-z0-9]{18}$/);
    expect(newAbsId('li')).toMatch(/^li_[a-z0-9]{18}$/);
    expect(new Set(Array.from({ length: 200 }, () => newAbsId('play'))).size).toBe(200);
  });
});

describe('applyProgressChange (PATCH /me/progress)', () => {
  const DURATION = 1000;
  const apply = (before: Parameters<typeof applyProgressChange>[0], change: object, at = 5_000) =>
    applyProgressChange(before, change, DURATION, 10, at);
  const midway = { currentTime: 400, progress: 0.4, isFinished: false, finishedAt: null, hidden: true };
  const finished = { currentTime: 995, progress: 1, isFinished: true, finishedAt: 1_000, hidden: false };

  it('finishes at progress 1 and keeps the first finishedAt', () => {
    expect(apply(null, { isFinished: true })).toEqual({
      currentTime: 0,
      progress: 1,
      isFinished: true,
      finishedAt: 5_000,
      hidden: false,
    });
    expect(apply(midway, { isFinished: true })).toMatchObject({
      currentTime: 400,
      finishedAt: 5_000,
      hidden: true,
    });
    expect(apply(finished, { isFinished: true }).finishedAt).toBe(1_000);
  });

  it('un-finishing restarts a finished item; an unfinished one keeps the position given', () => {
    expect(apply(finished, { isFinished: false })).toEqual({
      currentTime: 0,
      progress: 0,
      isFinished: false,
      finishedAt: null,
      hidden: false,
    });
    expect(apply(midway, { isFinished: false, currentTime: 995 })).toMatchObject({
      currentTime: 995,
      isFinished: false,
      progress: 0.995,
      hidden: false,
    });
  });

  it('a position follows the threshold rule; progress alone sets the position; no move, no change', () => {
    expect(apply(midway, { currentTime: 992 })).toMatchObject({
      isFinished: true,
      progress: 1,
      finishedAt: 5_000,
    });
    expect(apply(finished, { currentTime: 100 })).toMatchObject({
      isFinished: false,
      finishedAt: null,
      progress: 0.1,
    });
    expect(apply(midway, { progress: 0.25 })).toMatchObject({ currentTime: 250, progress: 0.25 });
    expect(apply(midway, { currentTime: 500, progress: 0.9 }).currentTime).toBe(500);
    expect(apply(midway, { currentTime: 400 })).toEqual(midway);
    expect(apply(finished, { currentTime: 995 })).toEqual(finished);
    expect(apply(midway, { currentTime: 1_000.5 }).currentTime).toBe(DURATION);
  });

  it('a moved position shows the item again unless the change hides it', () => {
    expect(apply(midway, { currentTime: 401 }).hidden).toBe(false);
    expect(apply(midway, { currentTime: 401, hideFromContinueListening: true }).hidden).toBe(true);
    expect(apply(midway, { hideFromContinueListening: false }).hidden).toBe(false);
    expect(apply({ ...midway, hidden: false }, { hideFromContinueListening: true })).toEqual(midway);
  });

  it('only the stored fields count as a change', () => {
    expect(changesProgress({})).toBe(false);
    expect(changesProgress({ isFinished: false })).toBe(true);
    expect(changesProgress({ progress: 0 })).toBe(true);
    expect(changesProgress({ hideFromContinueListening: false })).toBe(true);
  });
});
