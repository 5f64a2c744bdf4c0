// The first administrator of a municipality (`spire admin create --municipality CODE`): from then on, that
// municipality's administrators create its other staff users in the browser.
import type { Db } from '../../db/database.js';
import type { LocalDate } from '../../../shared/index.js';
import { audit } from '../../audit/audit.js';
import { fixedClock } from '../../clock.js';
import { checkFields, createUser } from './queries.js';

export async function createAdministrator(
  db: Db,
  today: LocalDate,
  a: { name: string; oidcSubject: string; email: string | null; municipalityCode: string },
): Promise<string> {
  const { municipalityCode, ...fields } = a;
  const f = checkFields({ ...fields, role: 'admin', unitIds: [], start: today.toString(), end: null });
  return db.transaction().execute(async (trx) => {
    const id = await createUser(trx, f, municipalityCode, null);
    await audit(
      trx,
      { db: trx, clock: fixedClock(today), actor: null, ip: 'cli', userAgent: 'spire admin create' },
      {
        action: 'user.create',
        subjectType: 'user',
        subjectIds: [id],
        details: { role: 'admin', municipality: municipalityCode, via: 'cli' },
      },
    );
    return id;
  });
}
