// One input policy for every request, applied at the HTTP edge before any route's schema:
// - bodies are JSON only, valid UTF-8, nested at most MAX_JSON_DEPTH deep (parsed without recursion risk);
// - no string (value or key, in body, query or path) carries control characters other than tab and line breaks,
//   lone surrogates or bidirectional overrides;
// - every date-shaped string (YYYY-MM-DD, YYYY-MM or an ISO timestamp) has a plausible year, MIN_YEAR–MAX_YEAR.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, badRequest } from './errors.js';

export const MAX_JSON_DEPTH = 32;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

// C0 controls except \t \n \r, DEL, C1 controls, bidi embeddings/overrides/isolates, lone surrogates.
// oxlint-disable-next-line no-control-regex -- this policy is about control characters
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
const DATE_SHAPED = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2})(?:[T ].*)?)?$/s;

/** Why a string breaks the policy, or null. */
export function stringProblem(s: string): string | null {
  if (FORBIDDEN.test(s)) return 'ugyldige tegn (kontroltegn)';
  const d = DATE_SHAPED.exec(s);
  if (d) {
    const year = Number(d[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return `årstallet skal ligge mellem ${MIN_YEAR} og ${MAX_YEAR}`;
  }
  return null;
}

/** Walks a parsed value without recursion; throws a 400 naming the first offending field. */
export function checkInput(value: unknown, where: string): void {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const p = stringProblem(v);
      if (p) throw badRequest(`Ugyldigt input (${where}${path ? ` ${path}` : ''}): ${p}.`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, path ? `${path}/${i}` : String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN.test(k)) throw badRequest(`Ugyldigt input (${where}): ugyldige tegn i et feltnavn.`);
        stack.push([x, path ? `${path}/${k}` : k]);
      }
    }
  }
}

/** Deepest nesting of arrays and objects in a JSON text, stopping early once past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0,
    inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } // { [
    else if (c === 125 || c === 93) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** JSON is the only body type: invalid UTF-8 or too deep nesting is a 400, everything else a 415. */
export function installInputPolicy(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(badRequest('Ugyldigt input: teksten er ikke gyldig UTF-8.'), undefined);
    }
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
      return done(badRequest(`Ugyldigt input: JSON må højst være indlejret ${MAX_JSON_DEPTH} niveauer.`), undefined);
    void parseJson(req, text, done);
  });
  app.addHook('preValidation', async (req: FastifyRequest) => {
    checkInput(req.params, 'sti');
    checkInput(req.query, 'forespørgsel');
    checkInput(req.body, 'indhold');
  });
}

export const unsupportedMediaType = () => new HttpError(415, 'unsupported_media_type', 'Forespørgslen skal være JSON.');
