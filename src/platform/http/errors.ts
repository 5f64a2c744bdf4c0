// Errors the API turns into clear 4xx answers.
//
// Services throw `DomainError(code, params)`: a stable code a module declares in its contract.ts with the kind of
// refusal; the kind becomes an HTTP status here, once. The web translates the code through its i18n texts (Danish
// and English), so no UI text comes from the server. `HttpError` (a status and a Danish message) is the older form,
// still used where a module has not moved to codes.
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'gone';
const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
};

export type ErrorParams = Record<string, string | number | boolean | null>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly params: ErrorParams = {},
    /** Structured data behind the refusal that the page shows (e.g. the complete list of children concerned). */
    readonly details?: unknown,
  ) {
    super(code);
  }
  get statusCode() {
    return STATUS[this.kind];
  }
}

/** A module's catalogue of refusals: `const fail = domainErrors({ 'settings.end-before-start': 'invalid' })`, then
 *  `throw fail('settings.end-before-start')`. The codes are the module's contract (OpenAPI lists them). */
export function domainErrors<const C extends Record<string, ErrorKind>>(catalogue: C) {
  const fail = (code: keyof C & string, params: ErrorParams = {}, details?: unknown) =>
    new DomainError(code, catalogue[code], params, details);
  return Object.assign(fail, { codes: catalogue });
}

export class HttpError extends Error {
  /** `details`: optional structured data sent along (e.g. the complete list behind a refusal). */
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
export const badRequest = (msg: string) => new HttpError(400, 'bad_request', msg);
export const unauthorized = (msg = 'Du skal være logget ind.') => new HttpError(401, 'unauthorized', msg);
export const forbidden = (msg = 'Du har ikke adgang til dette.') => new HttpError(403, 'forbidden', msg);
export const notFound = (msg = 'Findes ikke.') => new HttpError(404, 'not_found', msg);
export const conflict = (msg: string) => new HttpError(409, 'conflict', msg);

/** Maps PostgreSQL constraint errors (a bad request the database caught) to a 4xx. */
export function fromDatabaseError(e: any): HttpError | null {
  switch (e?.code) {
    case '23505':
      return conflict('Findes allerede (dubletværdi).');
    case '23P01':
      return conflict('Perioden overlapper en eksisterende periode.');
    case '23503':
      return badRequest('Henviser til noget, der ikke findes.');
    case '23514':
    case '23502':
      return badRequest('Ugyldige data: ' + (e.constraint ?? e.column ?? 'regel overtrådt') + '.');
    case '22021':
      return badRequest('Ugyldige tegn i teksten.');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return badRequest('Ugyldigt format.');
    default:
      return null;
  }
}
