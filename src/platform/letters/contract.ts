// The letters API: the family's inbox and the letters sent about a child.
import { z } from 'zod';
import { domainErrors } from '../http/errors.js';

const Id = z.object({ id: z.uuid() });
export const LetterSummary = z.object({
  id: z.uuid(),
  kind: z.string(),
  subject: z.string(),
  date: z.iso.date(),
  childId: z.uuid().nullable(),
  childFirstName: z.string().nullable(),
});
export const InboxLetter = LetterSummary.extend({ readAt: z.string().nullable(), read: z.boolean() });
export type InboxLetter = z.infer<typeof InboxLetter>;
export type LetterSummary = z.infer<typeof LetterSummary>;
const Pdf = z.string().describe('application/pdf');

export const lettersError = domainErrors({ 'letters.not-found': 'not-found' });

export const lettersContract = {
  inbox: { summary: 'My inbox: letters to me, newest first', response: z.array(InboxLetter) },
  myPdf: {
    summary: 'One of my letters as PDF (marks it read)',
    params: Id,
    response: Pdf,
    errors: ['letters.not-found'],
  },
  ofChild: { summary: 'Letters sent about a child', params: Id, response: z.array(LetterSummary) },
  pdf: { summary: 'A letter as PDF', params: Id, response: Pdf, errors: ['letters.not-found'] },
} as const;
