// Errors the API turns into clear 4xx answers. Messages are Danish: the citizen UI shows them as they are.
export class HttpError extends Error {
  /** `details`: optional structured data sent along (e.g. the complete list behind a refusal). */
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly details?: unknown) { super(message); }
}
export const badRequest = (msg: string) => new HttpError(400, 'bad_request', msg);
export const unauthorized = (msg = 'Du skal være logget ind.') => new HttpError(401, 'unauthorized', msg);
export const forbidden = (msg = 'Du har ikke adgang til dette.') => new HttpError(403, 'forbidden', msg);
export const notFound = (msg = 'Findes ikke.') => new HttpError(404, 'not_found', msg);
export const conflict = (msg: string) => new HttpError(409, 'conflict', msg);

/** Maps PostgreSQL constraint errors (a bad request the database caught) to a 4xx. */
export function fromDatabaseError(e: any): HttpError | null {
  switch (e?.code) {
    case '23505': return conflict('Findes allerede (dubletværdi).');
    case '23P01': return conflict('Perioden overlapper en eksisterende periode.');
    case '23503': return badRequest('Henviser til noget, der ikke findes.');
    case '23514': case '23502': return badRequest('Ugyldige data: ' + (e.constraint ?? e.column ?? 'regel overtrådt') + '.');
    case '22P02': case '22007': case '22008': case '22003': case '22001': return badRequest('Ugyldigt format.');
    default: return null;
  }
}
