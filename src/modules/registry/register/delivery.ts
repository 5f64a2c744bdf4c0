// Register export: every register change made in Spire becomes a delivery to STIL's import service, queued in the
// change's own transaction, validated before it is sent, and sent in order by a job through a StilRegisterService.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/database.js';
import type { RegisterLevel, RegisterOperation } from '../../../platform/db/schema.js';
import { EJERFORM_CODE, LOVGRUNDLAG_CODE, REGISTER_NUMBER, TYPE_OF_INST_TYPE3 } from './codes.js';
import { markClosedInRegister, markRegistered } from './queries.js';
import {
  alternativeAddressForRegister,
  daginstitutionForRegister,
  nextQueued,
  openRegisteredUnitsOf,
  queueDelivery,
  setDeliveryStatus,
  unitForRegister,
  type DeliveryRow,
} from './queries-delivery.js';

const ELEMENT: Record<RegisterLevel, 'Daginstitution' | 'Anvisningsenhed' | 'AlternativAdresse'> = {
  daginstitution: 'Daginstitution',
  anvisningsenhed: 'Anvisningsenhed',
  alternativ_adresse: 'AlternativAdresse',
};
const OPERATION: Record<RegisterOperation, 'Opret' | 'Ret' | 'Nedlaeg'> = {
  create: 'Opret',
  update: 'Ret',
  close: 'Nedlaeg',
};

/** The import service's request (JSON rendering of its SOAP body; docs/formats/dagtilbudsregister.md). */
export interface RegisterRequest {
  operation: 'Opret' | 'Ret' | 'Nedlaeg';
  element: 'Daginstitution' | 'Anvisningsenhed' | 'AlternativAdresse';
  admKommuneKode: string;
  /** The delivery's id: the register answers a repeated request with the same id once. */
  leveranceId: string;
  data: Record<string, string | number | null>;
}
export interface RegisterError {
  field: string | null;
  code: string;
  text: string;
}
export type RegisterAnswer = { accepted: true } | { accepted: false; errors: RegisterError[] };

/** STIL's register as Spire sees it: the export (for the import) and the import service (for deliveries). */
export interface StilRegisterService {
  readonly name: string;
  /** The register's export for one municipality or all, in the export-service shape (or the snapshot's). */
  fetchExport(municipalityCode: string | null): Promise<unknown>;
  /** Sends one request; resolves with the register's answer, rejects when the register could not be reached. */
  deliver(request: RegisterRequest): Promise<RegisterAnswer>;
}

const req = (field: string, text: string): RegisterError => ({ field, code: 'mandatory', text });

/** Spire's own check before sending: the fields the register requires and their formats. */
export function validateRequest(r: RegisterRequest): RegisterError[] {
  const e: RegisterError[] = [];
  const d = r.data;
  const num = (field: string) => {
    const v = d[field];
    if (typeof v !== 'string' || !REGISTER_NUMBER.test(v))
      e.push({ field, code: 'number-format', text: `${field} skal være 6 tegn (A–Z, 0–9).` });
  };
  const text = (field: string, max: number) => {
    const v = d[field];
    if (typeof v !== 'string' || !v.trim()) e.push(req(field, `${field} skal udfyldes.`));
    else if (v.length > max) e.push({ field, code: 'too-long', text: `${field} må højst være ${max} tegn.` });
  };
  if (!/^\d{4}$/.test(r.admKommuneKode)) e.push(req('admKommuneKode', 'admKommuneKode skal være 4 cifre.'));
  if (r.element === 'Daginstitution') {
    num('daginstitutionsNummer');
    if (r.operation !== 'Nedlaeg') {
      text('daginstitutionsNavn', 132);
      if (!Object.values(EJERFORM_CODE).includes(d.ejerformKode as number))
        e.push(req('ejerformKode', 'ejerformKode er ukendt.'));
      if (!Object.values(LOVGRUNDLAG_CODE).includes(d.lovgrundlagKode as number))
        e.push(req('lovgrundlagKode', 'lovgrundlagKode er ukendt.'));
    }
  } else if (r.element === 'Anvisningsenhed') {
    num('enhedsNummer');
    if (r.operation !== 'Nedlaeg') {
      num('daginstitutionsNummer');
      text('enhedsNavn', 132);
      text('vejOgHusnummer', 200);
      if (!/^\d{4}$/.test(String(d.postnummer ?? ''))) e.push(req('postnummer', 'postnummer skal være 4 cifre.'));
      text('postdistrikt', 100);
      if (!TYPE_OF_INST_TYPE3.has(d.instType3 as number)) e.push(req('instType3', 'instType3 er ukendt.'));
      if (d.cvrNummer !== null && !/^\d{8}$/.test(String(d.cvrNummer)))
        e.push({ field: 'cvrNummer', code: 'format', text: 'cvrNummer skal være 8 cifre.' });
      if (d.pNummer !== null && !/^\d{10}$/.test(String(d.pNummer)))
        e.push({ field: 'pNummer', code: 'format', text: 'pNummer skal være 10 cifre.' });
      if (typeof d.telefonNummer === 'string' && d.telefonNummer.length > 20)
        e.push({ field: 'telefonNummer', code: 'too-long', text: 'telefonNummer må højst være 20 tegn.' });
    }
  } else {
    num('enhedsNummer');
    if (r.operation !== 'Nedlaeg') {
      text('vejOgHusnummer', 200);
      if (!/^\d{4}$/.test(String(d.postnummer ?? ''))) e.push(req('postnummer', 'postnummer skal være 4 cifre.'));
      text('postdistrikt', 100);
    }
  }
  if (r.operation === 'Nedlaeg' && !/^\d{4}-\d{2}-\d{2}$/.test(String(d.nedlaeggelsesDato ?? '')))
    e.push(req('nedlaeggelsesDato', 'nedlaeggelsesDato skal udfyldes ved nedlæggelse.'));
  return e;
}

/** The request for a register entry as it is now (built again on retry, so a corrected entry is sent). */
export async function buildRequest(
  db: Db,
  d: { id: string; level: RegisterLevel; operation: RegisterOperation; subject_id: string },
): Promise<RegisterRequest | null> {
  const head = { operation: OPERATION[d.operation], element: ELEMENT[d.level], leveranceId: d.id };
  if (d.level === 'daginstitution') {
    const x = await daginstitutionForRegister(db, d.subject_id);
    if (!x) return null;
    return {
      ...head,
      admKommuneKode: x.municipality_code,
      data:
        d.operation === 'close'
          ? { daginstitutionsNummer: x.number, nedlaeggelsesDato: x.closed_on }
          : {
              daginstitutionsNummer: x.number,
              daginstitutionsNavn: x.name,
              ejerformKode: EJERFORM_CODE[x.ejerform],
              lovgrundlagKode: LOVGRUNDLAG_CODE[x.lovgrundlag],
              admKommuneKode: x.municipality_code,
            },
    };
  }
  if (d.level === 'anvisningsenhed') {
    const u = await unitForRegister(db, d.subject_id);
    if (!u) return null;
    return {
      ...head,
      admKommuneKode: u.municipality_code,
      data:
        d.operation === 'close'
          ? { enhedsNummer: u.number, nedlaeggelsesDato: u.closed_on }
          : {
              enhedsNummer: u.number,
              daginstitutionsNummer: u.dNumber,
              enhedsNavn: u.name,
              instType3: u.inst_type3,
              vejOgHusnummer: u.street,
              postnummer: u.postal_code,
              postdistrikt: u.city,
              darId: u.dar_id,
              email: u.email,
              telefonNummer: u.phone,
              cvrNummer: u.cvr,
              pNummer: u.p_number,
            },
    };
  }
  const a = await alternativeAddressForRegister(db, d.subject_id);
  if (!a) return null;
  return {
    ...head,
    admKommuneKode: a.municipality_code,
    data:
      d.operation === 'close'
        ? { enhedsNummer: a.unitNumber, nummer: a.number, nedlaeggelsesDato: a.lastDay }
        : {
            enhedsNummer: a.unitNumber,
            nummer: a.number,
            vejOgHusnummer: a.street,
            postnummer: a.postal_code,
            postdistrikt: a.city,
            darId: a.dar_id,
          },
  };
}

/** The register's facts of a unit as one comparable text (to deliver only real changes). */
export async function registerFactsOfUnit(db: Db, unitId: string) {
  return JSON.stringify((await unitForRegister(db, unitId)) ?? null);
}

/** Queues the delivery of one change, in the change's transaction. */
export async function queueRegisterChange(
  trx: Db,
  c: {
    level: RegisterLevel;
    operation: RegisterOperation;
    subjectId: string;
    number: string;
    municipalityCode: string;
    actor: string | null;
  },
) {
  const id = randomUUID();
  const payload = await buildRequest(trx, { id, level: c.level, operation: c.operation, subject_id: c.subjectId });
  await queueDeliveryWithId(trx, id, c, payload);
  return id;
}

async function queueDeliveryWithId(
  trx: Db,
  id: string,
  c: {
    level: RegisterLevel;
    operation: RegisterOperation;
    subjectId: string;
    number: string;
    municipalityCode: string;
    actor: string | null;
  },
  payload: RegisterRequest | null,
) {
  await queueDelivery(trx, {
    id,
    municipality_code: c.municipalityCode,
    level: c.level,
    operation: c.operation,
    number: c.number,
    subject_id: c.subjectId,
    payload: payload ?? {},
    created_by: c.actor,
  });
}

/** Sends queued deliveries in order (of one municipality when named: a municipality's staff send their own). Each is taken in its own short transaction (locked, validated, marked sent:
 *  nothing is sent twice), the register is called outside any transaction, and its answer is recorded in another.
 *  Spire's own check refuses a delivery without sending it. A register that cannot be reached puts the delivery
 *  back in the queue for the next run and stops this one. */
export async function sendQueuedDeliveries(
  db: Db,
  service: StilRegisterService,
  { municipality, limit = 100 }: { municipality?: string; limit?: number } = {},
) {
  const result = { accepted: 0, refused: 0, unreachable: 0 };
  for (let i = 0; i < limit; i++) {
    const taken = await db.transaction().execute(async (trx) => {
      const [d] = await nextQueued(trx, 1, municipality);
      if (!d) return null;
      const request = d.payload as RegisterRequest;
      const own = validateRequest(request);
      if (own.length) {
        await setDeliveryStatus(trx, d.id, { status: 'refused', errors: own, answered: true });
        return { d, request, refused: true };
      }
      await setDeliveryStatus(trx, d.id, { status: 'sent', attempt: true, sent: true, errors: [] });
      return { d, request, refused: false };
    });
    if (!taken) break;
    if (taken.refused) {
      result.refused++;
      continue;
    }
    const { d, request } = taken;
    let answer: RegisterAnswer;
    try {
      answer = await service.deliver(request);
    } catch (e) {
      await setDeliveryStatus(db, d.id, {
        status: 'queued',
        errors: [{ field: null, code: 'unreachable', text: `Registeret kunne ikke nås: ${(e as Error).message}` }],
      });
      result.unreachable++;
      break;
    }
    await db.transaction().execute(async (trx) => {
      if (!answer.accepted) {
        await setDeliveryStatus(trx, d.id, { status: 'refused', answered: true, errors: answer.errors });
        return;
      }
      await setDeliveryStatus(trx, d.id, { status: 'accepted', answered: true, errors: [] });
      if (d.operation === 'create') await markRegistered(trx, d.level, [d.number]);
      if (d.operation === 'close')
        await markClosedInRegister(trx, d.level, d.number, String(request.data.nedlaeggelsesDato));
    });
    result[answer.accepted ? 'accepted' : 'refused']++;
  }
  return result;
}

/** Puts a refused delivery back in the queue with its request built again from the entry as it is now. */
export async function retryDelivery(trx: Db, d: DeliveryRow) {
  const payload = await buildRequest(trx, d);
  await setDeliveryStatus(trx, d.id, { status: 'queued', errors: [], payload: payload ?? undefined });
}

/** The register's own rules as the local stand-in applies them (the real register answers with its texts). */
export async function registerRules(
  db: Db,
  r: RegisterRequest,
  known: (
    level: RegisterLevel,
    number: string,
  ) => Promise<{ registered: boolean; closed_on: string | null } | undefined>,
): Promise<RegisterError[]> {
  const e: RegisterError[] = validateRequest(r);
  if (e.length) return e;
  const d = r.data;
  const level: RegisterLevel =
    r.element === 'Daginstitution'
      ? 'daginstitution'
      : r.element === 'Anvisningsenhed'
        ? 'anvisningsenhed'
        : 'alternativ_adresse';
  const own = String(
    level === 'daginstitution'
      ? d.daginstitutionsNummer
      : level === 'anvisningsenhed'
        ? d.enhedsNummer
        : (d.nummer ?? ''),
  );
  const self = own ? await known(level, own) : undefined;
  if (r.operation === 'Opret' && self?.registered)
    e.push({ field: null, code: 'R-101', text: `Institutionsnummeret ${own} findes allerede og kan ikke genbruges.` });
  if (r.operation !== 'Opret' && level !== 'alternativ_adresse' && !self?.registered)
    e.push({ field: null, code: 'R-102', text: `Institutionen ${own} findes ikke i Dagtilbudsregisteret.` });
  if (r.operation !== 'Opret' && self?.closed_on)
    e.push({ field: null, code: 'R-103', text: `Institutionen ${own} er nedlagt.` });
  if (r.operation !== 'Nedlaeg' && level === 'anvisningsenhed') {
    const parent = await known('daginstitution', String(d.daginstitutionsNummer));
    if (!parent?.registered || parent.closed_on)
      e.push({
        field: 'daginstitutionsNummer',
        code: 'R-201',
        text: `Daginstitutionen ${String(d.daginstitutionsNummer)} skal oprettes før dens anvisningsenheder.`,
      });
    if (d.pNummer === null)
      e.push({ field: 'pNummer', code: 'R-301', text: 'P-nummer skal udfyldes for en anvisningsenhed.' });
  }
  if (r.operation !== 'Nedlaeg' && level === 'alternativ_adresse') {
    const parent = await known('anvisningsenhed', String(d.enhedsNummer));
    if (!parent?.registered || parent.closed_on)
      e.push({
        field: 'enhedsNummer',
        code: 'R-202',
        text: `Anvisningsenheden ${String(d.enhedsNummer)} skal oprettes før dens alternative adresser.`,
      });
  }
  if (r.operation === 'Nedlaeg' && level === 'daginstitution') {
    const open = await openRegisteredUnitsOf(db, own);
    if (open > 0)
      e.push({
        field: null,
        code: 'R-401',
        text: `Daginstitutionen ${own} har ${open} anvisningsenheder, der skal nedlægges først.`,
      });
  }
  return e;
}
