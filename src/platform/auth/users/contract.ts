// The staff users API (administrators): request and response schemas and refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../http/errors.js';

export const STAFF_USER_ROLES = [
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
] as const;
export const StaffRole = z.enum(STAFF_USER_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffUser = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  role: StaffRole,
  /** The units a unit leader or unit staff member works in (empty for municipal roles). */
  unitIds: z.array(z.uuid()),
  oidcSubject: z.string().nullable(),
  /** First and last day the user may log in (null: unbounded). */
  start: z.iso.date().nullable(),
  end: z.iso.date().nullable(),
  /** Valid on Spire's today. */
  active: z.boolean(),
  createdBy: z.string().nullable(),
});
export type StaffUser = z.infer<typeof StaffUser>;

const UserFields = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).nullable().default(null),
  role: StaffRole,
  unitIds: z.array(z.uuid()).max(100).default([]),
  /** The subject (`sub`) the municipality's identity provider (Entra ID, AD FS …) sends for this person. */
  oidcSubject: z.string().trim().min(1).max(255).nullable().default(null),
  start: z.iso.date(),
  end: z.iso.date().nullable().default(null),
});
export type UserFields = z.infer<typeof UserFields>;

export const usersError = domainErrors({
  'users.not-found': 'not-found',
  'users.unit-scope-required': 'invalid',
  'users.unit-not-found': 'invalid',
  'users.end-before-start': 'invalid',
  'users.oidc-subject-taken': 'conflict',
  'users.not-yourself': 'conflict',
});

const byId = z.object({ id: z.uuid() });

export const usersContract = {
  list: {
    summary: 'Staff users, searchable by name, a page at a time',
    querystring: z.object({
      q: z.string().trim().max(100).optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(25),
    }),
    response: z.object({ items: z.array(StaffUser), total: z.number().int(), page: z.number().int() }),
  },
  create: {
    summary: 'A new staff user: role, unit scopes for unit roles, identity-provider subject, validity period',
    body: UserFields,
    response: z.object({ id: z.uuid() }),
    status: 201,
    errors: ['users.unit-scope-required', 'users.unit-not-found', 'users.end-before-start', 'users.oidc-subject-taken'],
  },
  update: {
    summary: "Change a staff user's name, e-mail, role, unit scopes, subject or period",
    params: byId,
    body: UserFields,
    response: StaffUser,
    errors: [
      'users.not-found',
      'users.unit-scope-required',
      'users.unit-not-found',
      'users.end-before-start',
      'users.oidc-subject-taken',
      'users.not-yourself',
    ],
  },
  end: {
    summary: 'End a staff user: the last day it may log in (default: yesterday, i.e. at once); its sessions end now',
    params: byId,
    body: z.object({ lastDay: z.iso.date().nullable().default(null) }),
    response: StaffUser,
    errors: ['users.not-found', 'users.not-yourself'],
  },
} as const;
