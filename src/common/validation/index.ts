/**
 * The validation toolkit of the DRF surfaces: one parser per field kind, DRF's messages once. A module
 * that reads a boolean, an id or a date-time from a client imports it from here.
 */
export * from './boolean';
export * from './datetime';
export * from './id';
export * from './messages';
