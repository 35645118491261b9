/**
 * Django REST Framework's field messages, written once. Every DRF surface (Roundware, AERPAW, Guidebook,
 * our own) answers these exact strings, so clients that match on them keep working.
 */
export const DRF_MESSAGES = {
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  invalidBoolean: 'Must be a valid boolean.',
  invalidInteger: 'A valid integer is required.',
  datetimeFormat:
    'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  /** PrimaryKeyRelatedField: the id names nothing the caller can see. */
  invalidPk: (id: unknown): string => `Invalid pk "${String(id)}" - object does not exist.`,
} as const;
