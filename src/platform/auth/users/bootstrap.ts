// The first administrator of a new installation without demo data (`spire admin create`): from then on, administrators
// create every other staff user in the browser.
import type { Db } from '../../db/database.js';
import type { LocalDate } from '../../../shared/index.js';
import { audit } from '../../audit/audit.js';
import { fixedClock } from '../../clock.js';
import { checkFields, createUser } from './queries.js';

export async function createAdministrator(
  db: Db,
  today: LocalDate,
  a: { name: string; oidcSubject: string; email: string | null },
): Promise<string> {
  const f = checkFields({ ...a, role: 'admin', unitIds: [], start: today.toString(), end: null });
  return db.transaction().execute(async (trx) => {
    const id = await createUser(trx, f, null);
    await audit(
      trx,
      { db: trx, clock: fixedClock(today), actor: null, ip: 'cli', userAgent: 'spire admin create' },
      { action: 'user.create', subjectType: 'user', subjectIds: [id], details: { role: 'admin', via: 'cli' } },
    );
    return id;
  });
}
