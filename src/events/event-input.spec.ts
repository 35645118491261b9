import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateEventDto } from './dto/event.dto';
import { coordinateText, isPlainValidEvent, parseTagIds, tagIdsText, toNewEvent } from './event-input';
import { toCsvLine } from './event.mapper';

describe('event input', () => {
  it('keeps coordinates as given: numbers in shortest text, strings verbatim', () => {
    expect(coordinateText(1.2345, 90)).toBe('1.2345');
    expect(coordinateText(' 40.75921249389648 ', 90)).toBe('40.75921249389648');
    expect(coordinateText('-73.98463439941406', 180)).toBe('-73.98463439941406');
    expect(coordinateText('40.7500', 90)).toBe('40.7500');
    expect(coordinateText('', 90)).toBeNull();
    expect(coordinateText(null, 90)).toBeNull();
  });

  it('refuses what is not a coordinate', () => {
    for (const bad of ['north', '1e3', 'NaN', '91', -90.0001, Infinity, true, {}, '1.2.3']) {
      expect(coordinateText(bad, 90)).toBeUndefined();
    }
    expect(coordinateText(180, 180)).toBe('180');
  });

  it('reads tag ids from text, arrays and numbers; whole positive ids, order kept, duplicates dropped', () => {
    expect(parseTagIds('3,8')).toEqual([3, 8]);
    expect(parseTagIds(' 8 , 3,8')).toEqual([8, 3]);
    expect(parseTagIds([3, 22, 8])).toEqual([3, 22, 8]);
    expect(parseTagIds(['3', '8'])).toEqual([3, 8]);
    expect(parseTagIds(5)).toEqual([5]);
    expect(parseTagIds('')).toEqual([]);
    expect(parseTagIds([])).toEqual([]);
    expect(parseTagIds(null)).toEqual([]);
    for (const bad of ['3,x', '3,,8', [0], [-1], [1.5], '2147483648', [true], { a: 1 }]) {
      expect(parseTagIds(bad)).toBeUndefined();
    }
    expect(parseTagIds(Array.from({ length: 101 }, (_, i) => i + 1))).toBeUndefined();
    expect(tagIdsText([3, 8])).toBe('3,8');
    expect(tagIdsText([])).toBeNull();
  });

  it('turns a validated body into the event to store', () => {
    expect(
      toNewEvent({
        session_id: 1,
        event_type: 'heartbeat',
        latitude: 1.5,
        tag_ids: [3, 8],
        client_time: '2017-05-06',
      }),
    ).toEqual({
      sessionId: 1,
      eventType: 'heartbeat',
      clientTime: '2017-05-06',
      data: null,
      latitude: '1.5',
      longitude: null,
      tagIds: [3, 8],
    });
  });

  it('writes CSV lines with RFC 4180 quoting and empty fields for null', () => {
    expect(
      toCsvLine({
        id: 1,
        server_time: '2017-04-15T16:35:57.295461',
        client_time: null,
        event_type: 'start_upload',
        data: 'say "hi", then\nleave',
        latitude: '-1.5',
        longitude: null,
        session_id: 2,
        tag_ids: '3,8',
      }),
    ).toBe('1,2017-04-15T16:35:57.295461,,start_upload,"say ""hi"", then\nleave",-1.5,,2,"3,8"\r\n');
  });
});

describe('isPlainValidEvent (the batch compiled pass)', () => {
  const values: unknown[] = [
    undefined,
    null,
    '',
    ' ',
    'x',
    'é'.repeat(51),
    'a'.repeat(50),
    0,
    1,
    -1,
    1.5,
    91,
    -180.5,
    '1.2345',
    '1e3',
    '3,8',
    '3, 8',
    [3, 8],
    [0],
    [1.5],
    ['3'],
    3,
    true,
    {},
    [],
    '2017-05-06T22:55:15.114568',
    '2017-13-45',
    'NaN',
    Number.NaN,
    2 ** 31,
    '9'.repeat(65),
  ];
  const keys = ['session_id', 'event_type', 'client_time', 'latitude', 'longitude', 'tag_ids', 'data'];
  it('never accepts an item class-validator refuses (so messages always come from the DTO)', () => {
    let accepted = 0;
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const pick = () => values[next() % values.length];
    for (let n = 0; n < 3000; n++) {
      const item: Record<string, unknown> = { session_id: 1, event_type: 'heartbeat' };
      for (const key of keys) if (next() % 3 === 0) item[key] = pick();
      if (n % 50 === 0) item.extra = 1;
      if (!isPlainValidEvent(item)) continue;
      accepted++;
      const problems = validateSync(plainToInstance(CreateEventDto, item), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      expect({ item, problems: problems.map((p) => p.property) }).toEqual({ item, problems: [] });
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
