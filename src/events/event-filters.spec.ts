import { FieldErrorsException } from '../common/errors';
import { parseDateTimeMicros } from '../common/time';
import { escapeLike, parseEventFilters, prefixUpperBound } from './event-filters';

const at = (text: string) => parseDateTimeMicros(text)!;

describe('parseEventFilters', () => {
  it('reads every filter', () => {
    expect(
      parseEventFilters({
        session_id: '12',
        event_type: ' Start ',
        latitude: '40.75',
        longitude: '-73.9',
        tag_ids: '3, 8,3',
      }),
    ).toEqual({
      sessionId: 12,
      eventType: 'start',
      latitudePrefix: '40.75',
      longitudePrefix: '-73.9',
      tagIds: [3, 8],
    });
  });

  it('turns server_time into the second that contains it, and __gt/__lt into strict bounds', () => {
    expect(parseEventFilters({ server_time: '2017-04-15T16:35:57.295461' })).toEqual({
      serverTimeFrom: at('2017-04-15T16:35:57'),
      serverTimeTo: at('2017-04-15T16:35:58'),
    });
    expect(
      parseEventFilters({ server_time__gt: '2017-04-15 16:35:57', server_time__lt: '2017-04-16' }),
    ).toEqual({
      serverTimeFrom: at('2017-04-15T16:35:57') + 1,
      serverTimeTo: at('2017-04-16'),
    });
    // Several time filters narrow each other.
    expect(
      parseEventFilters({ server_time: '2017-04-15T16:35:57', server_time__gt: '2017-04-15T16:35:57.5' }),
    ).toEqual({
      serverTimeFrom: at('2017-04-15T16:35:57.5') + 1,
      serverTimeTo: at('2017-04-15T16:35:58'),
    });
  });

  it('ignores empty values, as django-filter does', () => {
    expect(parseEventFilters({ session_id: '', event_type: ' ', tag_ids: '' })).toEqual({});
  });

  it('makes ids that cannot exist match nothing instead of failing', () => {
    expect(parseEventFilters({ session_id: '99999999999', tag_ids: '0,5' })).toEqual({
      sessionId: 0,
      tagIds: [0, 5],
    });
  });

  it('refuses unreadable values, naming every parameter', () => {
    let caught: unknown;
    try {
      parseEventFilters({
        session_id: '1.5',
        server_time__gt: 'soon',
        latitude: '4O',
        tag_ids: '1,,2',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FieldErrorsException);
    expect((caught as FieldErrorsException).errors).toEqual({
      session_id: ['Enter a whole number.'],
      server_time__gt: ['Enter a valid date/time.'],
      latitude: ['Enter a number.'],
      tag_ids: ['Enter a comma-separated list of whole numbers.'],
    });
  });
});

describe('prefix and LIKE helpers', () => {
  it('bounds every text that starts with the prefix, and nothing else', () => {
    const hi = prefixUpperBound('40.75');
    for (const inside of ['40.75', '40.750', '40.75921249389648', '40.759e-5']) {
      expect(inside >= '40.75' && inside < hi).toBe(true);
    }
    for (const outside of ['40.7', '40.76', '40.8', '-40.75', '4']) {
      expect(outside >= '40.75' && outside < hi).toBe(false);
    }
  });

  it("escapes LIKE's wildcards", () => {
    expect(escapeLike('start_%!')).toBe('start!_!%!!');
  });
});
