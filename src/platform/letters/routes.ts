// The family's inbox (citizen) and the letters sent about a child (municipal staff). PDFs are rendered on demand.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { homeMunicipality, MUNICIPAL_ROLES, requireGuardian, requireRole } from '../auth/actor.js';
import { audit } from '../audit/audit.js';
import { notFound } from '../http/errors.js';
import type { Db } from '../db/database.js';
import { renderLetter } from './render.js';

const Id = z.object({ id: z.uuid() });

function letterList(db: Db) {
  return db
    .selectFrom('letter as l')
    .leftJoin('person as c', 'c.id', 'l.child_id')
    .select([
      'l.id',
      'l.kind',
      'l.subject',
      'l.letter_date as date',
      'l.child_id as childId',
      'c.first_name as childFirstName',
    ])
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id');
}

async function sendPdf(reply: FastifyReply, db: Db, id: string) {
  const { pdf, letter } = await renderLetter(db, id);
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${letter.kind}-${letter.letter_date}.pdf"`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf));
}

export const letterCitizenRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/letters',
    { schema: { tags: ['letters'], summary: 'My inbox: letters to me, newest first' } },
    async (req) => {
      const actor = requireGuardian(req.ctx.actor);
      const { db } = req.ctx;
      const rows = await letterList(db)
        .innerJoin('letter_recipient as r', 'r.letter_id', 'l.id')
        .select('r.read_at as readAt')
        .where('r.person_id', '=', actor.personId)
        .limit(500)
        .execute();
      await audit(db, req.ctx, { action: 'letter.list', subjectType: 'person', subjectIds: [actor.personId] });
      return rows.map((r) => ({ ...r, read: r.readAt !== null }));
    },
  );

  app.get(
    '/letters/:id/pdf',
    { schema: { tags: ['letters'], summary: 'One of my letters as PDF (marks it read)', params: Id } },
    async (req, reply) => {
      const actor = requireGuardian(req.ctx.actor);
      const { db } = req.ctx,
        { id } = req.params as z.infer<typeof Id>;
      const mine = await db
        .updateTable('letter_recipient')
        .set({ read_at: new Date().toISOString() })
        .where('letter_id', '=', id)
        .where('person_id', '=', actor.personId)
        .returning('letter_id')
        .executeTakeFirst();
      if (!mine) throw notFound('Brevet findes ikke.');
      await audit(db, req.ctx, { action: 'letter.read', subjectType: 'letter', subjectIds: [id] });
      return sendPdf(reply, db, id);
    },
  );
};

export const letterStaffRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/children/:id/letters',
    { schema: { tags: ['letters'], summary: 'Letters sent about a child', params: Id } },
    async (req) => {
      const actor = requireRole(req.ctx.actor, MUNICIPAL_ROLES);
      const { db } = req.ctx,
        { id } = req.params as z.infer<typeof Id>;
      // Only the letters the staff user's own municipality sent.
      const rows = await letterList(db)
        .where('l.child_id', '=', id)
        .where('l.municipality_code', '=', homeMunicipality(actor))
        .limit(500)
        .execute();
      await audit(db, req.ctx, { action: 'letter.list', subjectType: 'child', subjectIds: [id] });
      return rows;
    },
  );

  app.get(
    '/letters/:id/pdf',
    { schema: { tags: ['letters'], summary: 'A letter as PDF', params: Id } },
    async (req, reply) => {
      const actor = requireRole(req.ctx.actor, MUNICIPAL_ROLES);
      const { db } = req.ctx,
        { id } = req.params as z.infer<typeof Id>;
      const own = await db
        .selectFrom('letter')
        .select('id')
        .where('id', '=', id)
        .where('municipality_code', '=', homeMunicipality(actor))
        .executeTakeFirst();
      if (!own) throw notFound('Brevet findes ikke.'); // another municipality's letter: not found
      await audit(db, req.ctx, { action: 'letter.read', subjectType: 'letter', subjectIds: [id] });
      return sendPdf(reply, db, id);
    },
  );
};
