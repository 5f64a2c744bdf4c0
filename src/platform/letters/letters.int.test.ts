import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { pdfText } from '../../../test/pdf-text.js';
import { LocalDate } from '../../shared/index.js';
import { drainDigitalPost, LocalDigitalPost, sendLetters, Sf1601DigitalPost } from './index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
});
afterAll(async () => {
  await t?.close();
});
const today = LocalDate.of(2026, 11, 23);

describe(`letters (${engine})`, () => {
  it('a guardian reads her letter as a Danish PDF; nobody else can', async () => {
    const [id] = await sendLetters(
      t.database.db,
      [
        {
          kind: 'offer',
          subject: 'Tilbud om plads i Børnehuset Solsikken',
          recipients: [f.guardians.mette],
          childId: f.children.ida,
          blocks: [
            { text: 'Kære Mette Holm. Ida tilbydes en plads fra 1. februar 2027 – svar senest 9. december.' },
            { heading: 'Sådan er pladsen' },
            { table: { columns: ['Enhed', 'Timer'], rows: [['Børnehuset Solsikken', '40']], alignRight: [1] } },
          ],
        },
      ],
      today,
    );
    const mette = await loginAs(t.app, f.users.mette);
    const inbox = (await mette.call('GET', '/api/citizen/letters')).json();
    expect(inbox).toEqual([
      expect.objectContaining({
        id,
        subject: 'Tilbud om plads i Børnehuset Solsikken',
        childFirstName: 'Ida',
        read: false,
        date: '2026-11-23',
      }),
    ]);
    const res = await mette.call('GET', `/api/citizen/letters/${id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const [page] = await pdfText(res.rawPayload);
    for (const s of [
      'Hjørring Kommune',
      '23. november 2026',
      'Mette Holm',
      'Skolegade 4',
      '9800 Hjørring',
      'Tilbud om plads i Børnehuset Solsikken',
      'Sådan er pladsen',
      'Enhed',
      'Børnehuset Solsikken',
      'Side 1 af 1',
    ]) {
      expect(page).toContain(s);
    }
    expect((await mette.call('GET', '/api/citizen/letters')).json()[0].read).toBe(true);

    const anders = await loginAs(t.app, f.users.anders);
    expect((await anders.call('GET', `/api/citizen/letters/${id}/pdf`)).statusCode).toBe(404);
    expect((await anders.call('GET', '/api/citizen/letters')).json()).toEqual([]);
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('GET', `/api/staff/children/${f.children.ida}/letters`)).json()).toEqual([
      expect.objectContaining({ id }),
    ]);
    expect((await cw.call('GET', `/api/staff/letters/${id}/pdf`)).statusCode).toBe(200);
    const leader = await loginAs(t.app, f.users.leader);
    expect((await leader.call('GET', `/api/staff/letters/${id}/pdf`)).statusCode).toBe(403);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'letter.read')
      .execute();
    expect(audited).toHaveLength(2);
  });

  it('a long letter flows onto more pages with page numbers', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [`Linje ${i + 1}`, `${i * 10},00 kr.`]);
    const [id] = await sendLetters(
      t.database.db,
      [
        {
          kind: 'invoice',
          subject: 'Opkrævning',
          recipients: [f.guardians.anders],
          blocks: [{ table: { columns: ['Tekst', 'Beløb'], rows } }],
        },
      ],
      today,
    );
    const anders = await loginAs(t.app, f.users.anders);
    const pages = await pdfText((await anders.call('GET', `/api/citizen/letters/${id}/pdf`)).rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain(`Side ${pages.length} af ${pages.length}`);
    expect(pages.join(' ')).toContain('Linje 80');
  });

  it('Digital Post sends each letter as a MeMo message with the PDF, and retries a failing endpoint', async () => {
    const db = t.database.db;
    const dir = mkdtempSync(join(tmpdir(), 'spire-dp-'));
    const r = await drainDigitalPost(db, new LocalDigitalPost(dir), { cvr: '29189692' });
    expect(r).toEqual({ sent: 2, failed: 0 });
    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    const xml = files.map((x) => readFileSync(join(dir, x), 'utf8')).find((x) => x.includes('Tilbud om plads'))!;
    expect(xml).toContain('<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1"');
    expect(xml).toContain('<memo:recipientID>1505854412</memo:recipientID>');
    expect(xml).toContain('<memo:senderID>29189692</memo:senderID>');
    const pdf = Buffer.from(/<memo:content>([^<]+)<\/memo:content>/.exec(xml)![1]!, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await drainDigitalPost(db, new LocalDigitalPost(dir), { cvr: '29189692' })).toEqual({ sent: 0, failed: 0 });

    await sendLetters(
      db,
      [{ kind: 'decision', subject: 'Afgørelse', recipients: [f.guardians.mette], blocks: [{ text: 'Bevilget.' }] }],
      today,
    );
    let answer = 503;
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        bodies.push(b);
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/kombi`;
    try {
      expect(await drainDigitalPost(db, new Sf1601DigitalPost(url), { cvr: '29189692' })).toEqual({
        sent: 0,
        failed: 1,
      });
      const m = await db
        .selectFrom('digital_post_message')
        .select(['status', 'attempts', 'error'])
        .where('status', '!=', 'sent')
        .executeTakeFirstOrThrow();
      expect(m).toEqual({ status: 'queued', attempts: 1, error: 'SF1601 answered 503' });
      answer = 200;
      expect(await drainDigitalPost(db, new Sf1601DigitalPost(url), { cvr: '29189692' })).toEqual({
        sent: 1,
        failed: 0,
      });
      expect(bodies[1]).toContain('<KombiValgKode>Digital Post</KombiValgKode>');
    } finally {
      server.close();
    }
  });
});
