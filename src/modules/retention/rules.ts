// Retention rules as data: one dated setting per category and municipality (settings module), with defaults from
// Danish practice where the municipality has set nothing (docs/retention.md says where each comes from).
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { z } from 'zod';
import { defineSettingSchemas, settingOn } from '../settings/index.js';

export const RETENTION_CATEGORIES = ['childCase', 'applications', 'attendance', 'invoices', 'auditLog'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** The setting key of each category's years, and the default when the municipality has none in force. */
export const RETENTION_RULES: Record<RetentionCategory, { key: string; years: number }> = {
  // A child's case (applications, offers, casework, letters): 5 years after the last place ended.
  childCase: { key: 'retention.child_case_years', years: 5 },
  // An application withdrawn without a place: 1 year after the withdrawal.
  applications: { key: 'retention.application_years', years: 1 },
  // Komme/gå registrations: 2 years after the day.
  attendance: { key: 'retention.attendance_years', years: 2 },
  // Invoices: 5 years after the end of the financial year (bogføringsloven § 12).
  invoices: { key: 'retention.invoice_years', years: 5 },
  // Audit rows written by the municipality's staff: 5 years (never under 1, the database keeps the last year).
  auditLog: { key: 'retention.audit_years', years: 5 },
};

/** Whether the nightly job erases (true) or only makes a dry run (default). */
export const ERASE_NIGHTLY_KEY = 'retention.erase_nightly';

defineSettingSchemas({
  ...Object.fromEntries(RETENTION_CATEGORIES.map((c) => [RETENTION_RULES[c].key, z.number().int().min(1).max(100)])),
  [ERASE_NIGHTLY_KEY]: z.boolean(),
});

export type RetentionRules = Record<RetentionCategory, number>;

/** The rules in force on `date`: the municipality's settings, else the defaults. A value below 1 year counts as 1. */
export async function rulesOn(db: Db, municipality: string, date: LocalDate): Promise<RetentionRules> {
  const out = {} as RetentionRules;
  for (const c of RETENTION_CATEGORIES) {
    const v = await settingOn<unknown>(db, municipality, RETENTION_RULES[c].key, date);
    out[c] = typeof v === 'number' && Number.isInteger(v) ? Math.max(1, v) : RETENTION_RULES[c].years;
  }
  return out;
}

export async function eraseNightly(db: Db, municipality: string, date: LocalDate): Promise<boolean> {
  return (await settingOn<unknown>(db, municipality, ERASE_NIGHTLY_KEY, date)) === true;
}
