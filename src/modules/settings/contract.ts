// The settings API: request and response schemas, refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const Setting = z.object({
  id: z.uuid(),
  key: z.string(),
  value: z.json(),
  start: z.iso.date(),
  end: z.iso.date().nullable(),
});
export type Setting = z.infer<typeof Setting>;

export const settingsError = domainErrors({
  'settings.end-before-start': 'invalid',
  'settings.invalid-value': 'invalid',
});

export const settingsContract = {
  list: { summary: 'Every setting value with its validity period', response: z.array(Setting) },
  create: {
    summary: 'A new value of a setting from a date (an open-ended earlier value ends the day before)',
    body: z.object({
      key: z
        .string()
        .regex(/^[a-z][a-z0-9_.]*$/)
        .max(100),
      value: z.json(),
      start: z.iso.date(),
      end: z.iso.date().nullable().default(null),
    }),
    response: z.object({ id: z.uuid() }),
    status: 201,
    errors: ['settings.end-before-start', 'settings.invalid-value'],
  },
} as const;
