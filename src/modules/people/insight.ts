// The citizen's insight request (GDPR art. 15): everything Spire holds about the guardian and the children in their
// custody. People's own data comes from its queries; every other module's data is that module's own citizen answer
// (asked through the app with the caller's session, so its policy, scoping and audit apply unchanged).
import type { FastifyRequest } from 'fastify';
import { LocalDate, maskCpr } from '../../shared/index.js';
import { auditAbout } from '../../platform/audit/audit.js';
import { userNames } from '../../platform/auth/users.js';
import { danishDate, renderLetterPdf, type LetterBlock } from '../../platform/letters/index.js';
import type { Insight } from './contract.js';
import { addressProtectedAmong, childIdsInCustody, homeOf, placementsOf, registerFactsOf } from './queries.js';

async function ask(req: FastifyRequest, url: string): Promise<unknown> {
  const res = await req.server.inject({ method: 'GET', url, headers: { cookie: req.headers.cookie ?? '' } });
  return res.statusCode === 200 ? res.json() : null;
}

export async function insightOf(req: FastifyRequest, personId: string): Promise<Insight> {
  const { db, clock } = req.ctx,
    today = clock.today();
  const childIds = await childIdsInCustody(db, personId, today);
  const [facts, protectedSet, myHome, placements] = await Promise.all([
    registerFactsOf(db, [personId, ...childIds]),
    addressProtectedAmong(db, [personId, ...childIds], today),
    homeOf(db, personId, today),
    placementsOf(db, childIds, today),
  ]);
  const me = facts.find((f) => f.id === personId)!;
  const address = (h: Awaited<ReturnType<typeof homeOf>>) =>
    h && { street: h.street, postalCode: h.postalCode, city: h.city };
  const from = today.plusYears(-1).toString();
  const children = await Promise.all(
    facts
      .filter((f) => f.id !== personId)
      .sort((a, b) => a.birth_date.localeCompare(b.birth_date))
      .map(async (c) => {
        const home = await homeOf(db, c.id, today);
        // A protected child's address is shown only to a guardian who lives there.
        const visible = !protectedSet.has(c.id) || home?.id === myHome?.id;
        return {
          id: c.id,
          firstName: c.first_name,
          lastName: c.last_name,
          birthDate: c.birth_date,
          cprMasked: c.cpr ? maskCpr(c.cpr) : null,
          address: visible ? address(home) : null,
          addressProtected: protectedSet.has(c.id),
          placements: placements.filter((p) => p.childId === c.id),
          attendance: (await ask(req, `/api/citizen/attendance/children/${c.id}?from=${from}&to=${today}`)) as any,
        };
      }),
  );
  const [applications, bookings, payment, letters] = await Promise.all([
    ask(req, '/api/citizen/placement'),
    ask(req, '/api/citizen/bookings'),
    ask(req, '/api/citizen/billing'),
    ask(req, '/api/citizen/letters'),
  ]);
  const log = await auditAbout(db, [personId, ...childIds]);
  const names = await userNames(db, [...new Set(log.map((l) => l.user_id).filter((u): u is string => !!u))]);
  return {
    generatedOn: today.toString(),
    me: {
      id: me.id,
      firstName: me.first_name,
      lastName: me.last_name,
      birthDate: me.birth_date,
      cprMasked: me.cpr ? maskCpr(me.cpr) : null,
      email: me.email,
      phone: me.phone,
      address: address(myHome),
      addressProtected: me.address_protected,
    },
    children,
    applications: applications as any,
    bookings: bookings as any,
    payment: payment as any,
    letters: letters as any,
    accessLog: log.map((l) => ({
      at: String(l.at),
      role: l.user_role,
      who: l.user_id ? (names.get(l.user_id) ?? null) : null,
      action: l.action,
    })),
  };
}

const ROLE: Record<string, string> = {
  guardian: 'Forælder',
  caseworker: 'Sagsbehandler',
  finance: 'Økonomi',
  consultant: 'Konsulent',
  management: 'Ledelse',
  admin: 'Administrator',
  unit_leader: 'Leder',
  unit_staff: 'Medarbejder',
};

/** Other modules' sections as readable lines: "felt: værdi", nested with indentation, at most `max` lines. */
function lines(value: unknown, max = 400): string[] {
  const out: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (out.length >= max) return;
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${prefix}${i + 1}. `));
    else if (typeof v === 'object')
      for (const [k, x] of Object.entries(v as object))
        if (x !== null && typeof x === 'object') {
          out.push(`${prefix}${k}:`);
          walk(x, prefix.replace(/[^ ]/g, ' ') + '  ');
        } else walk(x, `${prefix}${k}: `);
    else out.push(`${prefix}${String(v as string | number | boolean)}`);
  };
  walk(value, '');
  return out.length >= max ? [...out, '… (se JSON-udgaven for resten)'] : out;
}

export async function insightPdf(i: Insight, municipality: string): Promise<Uint8Array> {
  const addr = (a: Insight['me']['address'], isProtected: boolean) =>
    a ? `${a.street}, ${a.postalCode} ${a.city}` : isProtected ? 'Adressebeskyttet' : 'Ingen';
  const section = (heading: string, value: unknown): LetterBlock[] => [
    { heading },
    ...(value === null ? [{ text: 'Ingen oplysninger.' }] : lines(value).map((text) => ({ text }))),
  ];
  const blocks: LetterBlock[] = [
    { text: 'Her er alle de oplysninger, Spire har om dig og dine børn. De samme oplysninger findes som JSON-fil.' },
    { heading: 'Dig' },
    {
      table: {
        columns: ['Oplysning', 'Værdi'],
        rows: [
          ['Navn', `${i.me.firstName} ${i.me.lastName}`],
          ['Fødselsdato', danishDate(i.me.birthDate)],
          ['CPR-nummer', i.me.cprMasked ?? ''],
          ['Adresse', addr(i.me.address, i.me.addressProtected)],
          ['E-mail', i.me.email ?? ''],
          ['Telefon', i.me.phone ?? ''],
        ],
      },
    },
    ...i.children.flatMap((c): LetterBlock[] => [
      { heading: `${c.firstName} ${c.lastName}` },
      {
        table: {
          columns: ['Oplysning', 'Værdi'],
          rows: [
            ['Fødselsdato', danishDate(c.birthDate)],
            ['CPR-nummer', c.cprMasked ?? ''],
            ['Adresse', addr(c.address, c.addressProtected)],
            ...c.placements.map((p) => [
              'Plads',
              `${p.unitName} fra ${danishDate(p.start)}${p.end ? ` til ${danishDate(p.end)}` : ''}, ${p.hoursPerWeek} t/uge`,
            ]),
          ],
        },
      },
      ...section(`Fremmøde og fravær for ${c.firstName} (seneste år)`, c.attendance),
    ]),
    ...section('Ansøgninger og tilbud', i.applications),
    ...section('Bookinger', i.bookings),
    ...section('Betaling', i.payment),
    ...section('Breve', i.letters),
    { heading: 'Hvem har set eller ændret jeres oplysninger' },
    {
      table: {
        columns: ['Tidspunkt', 'Hvem', 'Handling'],
        rows: i.accessLog
          .slice(0, 300)
          .map((l) => [
            l.at.slice(0, 16).replace('T', ' '),
            [l.role ? (ROLE[l.role] ?? l.role) : 'System', l.who].filter(Boolean).join(': '),
            l.action,
          ]),
      },
    },
  ];
  return renderLetterPdf({
    sender: municipality,
    date: danishDate(i.generatedOn),
    subject: 'Indsigt: dine og dine børns oplysninger',
    reference: LocalDate.parse(i.generatedOn).toString(),
    recipientLines: [`${i.me.firstName} ${i.me.lastName}`],
    blocks,
  });
}
