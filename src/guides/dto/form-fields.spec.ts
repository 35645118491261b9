import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldErrors } from '../../common/errors';
import { toBool, toInt, toIntList } from './form-fields';
import { CreateScheduleSessionDto, UpdateScheduleSessionDto } from './schedule-session.dto';

describe('form value conversion', () => {
  it('reads DRF boolean spellings and leaves anything else to the validator', () => {
    for (const v of ['true', 'True', '1', 'on', 'yes', true, 1]) expect(toBool(v)).toBe(true);
    for (const v of ['false', 'False', '0', 'off', 'no', false, 0]) expect(toBool(v)).toBe(false);
    expect(toBool('maybe')).toBe('maybe');
    expect(toBool(['false', 'true'])).toBe(true); // repeated keys: the last wins
  });

  it('reads integers from strings only when they are integers', () => {
    expect(toInt('42')).toBe(42);
    expect(toInt(42)).toBe(42);
    expect(toInt('4.2')).toBe('4.2');
    expect(toInt('12345678901')).toBe('12345678901');
  });

  it('reads id lists from JSON arrays, repeated keys, JSON array strings, commas and blanks', () => {
    expect(toIntList([3, 42])).toEqual([3, 42]);
    expect(toIntList(['3', '42'])).toEqual([3, 42]);
    expect(toIntList('[3, 42]')).toEqual([3, 42]);
    expect(toIntList('3,42')).toEqual([3, 42]);
    expect(toIntList('7')).toEqual([7]);
    expect(toIntList('')).toEqual([]);
    expect(toIntList(['3,4', '5'])).toEqual([3, 4, 5]);
    expect(toIntList('[3,')).toBe('[3,');
    expect(toIntList(5)).toBe(5);
  });
});

describe('schedule session DTOs', () => {
  const errorsOf = (cls: typeof CreateScheduleSessionDto | typeof UpdateScheduleSessionDto, body: object) =>
    toFieldErrors(validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true }));

  it('accepts the seed body as form strings and as JSON', () => {
    const form = {
      start_time: '2017-09-18T16:00:00',
      end_time: '2017-09-18T17:00:00',
      guide: '1',
      description_html: '<p>x</p>',
      name: 'Test',
      schedule_tracks: ['3', '42'],
      allow_rating: 'true',
    };
    expect(errorsOf(CreateScheduleSessionDto, form)).toEqual({});
    const dto = plainToInstance(CreateScheduleSessionDto, form);
    expect(dto).toMatchObject({ guide: 1, schedule_tracks: [3, 42], allow_rating: true });
    expect(errorsOf(CreateScheduleSessionDto, { ...form, guide: 1, schedule_tracks: [3, 42] })).toEqual({});
  });

  it('requires the seed-required fields on create only, and refuses null where it cannot be stored', () => {
    expect(Object.keys(errorsOf(CreateScheduleSessionDto, {})).sort()).toEqual([
      'description_html',
      'guide',
      'name',
      'start_time',
    ]);
    expect(errorsOf(UpdateScheduleSessionDto, {})).toEqual({});
    expect(errorsOf(UpdateScheduleSessionDto, { guide: null, all_day: null, schedule_tracks: null })).toEqual(
      {
        guide: ['This field may not be null.'],
        all_day: ['This field may not be null.'],
        schedule_tracks: ['This field may not be null.'],
      },
    );
    expect(
      errorsOf(UpdateScheduleSessionDto, { end_time: '', import_id: '', description_html: null }),
    ).toEqual({});
  });

  it('names wrong types in DRF wording', () => {
    expect(
      errorsOf(UpdateScheduleSessionDto, { guide: true, schedule_tracks: 3, name: 'x'.repeat(256) }),
    ).toEqual({
      guide: ['Incorrect type. Expected pk value, received bool.'],
      schedule_tracks: ['Expected a list of items but got type "int".'],
      name: ['Ensure this field has no more than 255 characters.'],
    });
  });
});
