export * from './local-date.js';
export * from './date-range.js';
export * from './money.js';
export * from './cpr.js';
export * from './holidays.js';
export * from './municipalities.js';
