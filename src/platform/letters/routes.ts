// The family's inbox (citizen) and the letters sent about a child (municipal staff). PDFs are rendered on demand.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeMunicipality } from '../auth/actor.js';
import { audit } from '../audit/audit.js';
import { schemaOf } from '../http/contract.js';
import type { Db } from '../db/database.js';
import { renderLetter } from './render.js';

import { lettersContract as c, lettersError } from './contract.js';
import { lettersPolicy } from './policy.js';

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

export const letterCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/letters', { schema: schemaOf('letters', c.inbox) }, async (req) => {
    const actor = lettersPolicy.authorize(req.ctx.actor, 'letters.read-own');
    const personId = actor.personId!;
    const { db } = req.ctx;
    const rows = await letterList(db)
      .innerJoin('letter_recipient as r', 'r.letter_id', 'l.id')
      .select('r.read_at as readAt')
      .where('r.person_id', '=', personId)
      .limit(500)
      .execute();
    await audit(db, req.ctx, { action: 'letter.list', subjectType: 'person', subjectIds: [personId] });
    return rows.map((r) => ({ ...r, read: r.readAt !== null }));
  });

  app.get('/letters/:id/pdf', { schema: schemaOf('letters', c.myPdf, lettersError.codes) }, async (req, reply) => {
    const actor = lettersPolicy.authorize(req.ctx.actor, 'letters.read-own');
    const { db } = req.ctx,
      { id } = req.params;
    const mine = await db
      .updateTable('letter_recipient')
      .set({ read_at: new Date().toISOString() })
      .where('letter_id', '=', id)
      .where('person_id', '=', actor.personId!)
      .returning('letter_id')
      .executeTakeFirst();
    if (!mine) throw lettersError('letters.not-found');
    await audit(db, req.ctx, { action: 'letter.read', subjectType: 'letter', subjectIds: [id] });
    return sendPdf(reply, db, id);
  });
};

export const letterStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/children/:id/letters', { schema: schemaOf('letters', c.ofChild) }, async (req) => {
    const actor = lettersPolicy.authorize(req.ctx.actor, 'letters.read');
    const { db } = req.ctx,
      { id } = req.params;
    // Only the letters the staff user's own municipality sent.
    const rows = await letterList(db)
      .where('l.child_id', '=', id)
      .where('l.municipality_code', '=', homeMunicipality(actor))
      .limit(500)
      .execute();
    await audit(db, req.ctx, { action: 'letter.list', subjectType: 'child', subjectIds: [id] });
    return rows;
  });

  app.get('/letters/:id/pdf', { schema: schemaOf('letters', c.pdf, lettersError.codes) }, async (req, reply) => {
    const actor = lettersPolicy.authorize(req.ctx.actor, 'letters.read');
    const { db } = req.ctx,
      { id } = req.params;
    const own = await db
      .selectFrom('letter')
      .select('id')
      .where('id', '=', id)
      .where('municipality_code', '=', homeMunicipality(actor))
      .executeTakeFirst();
    if (!own) throw lettersError('letters.not-found'); // another municipality's letter: not found
    await audit(db, req.ctx, { action: 'letter.read', subjectType: 'letter', subjectIds: [id] });
    return sendPdf(reply, db, id);
  });
};
