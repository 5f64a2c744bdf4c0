// The only SQL naming the subsidies module's tables (owner: subsidies, migrations 024, 026, 030), by resource.
export * from './queries/terms.js';
export * from './queries/carers.js';
export * from './queries/cases.js';
export * from './queries/payout.js';
export * from './queries/providers.js';
