// The shape of a module's contract.ts: each operation's summary, request and response schemas and refusal codes.
// Routes build their Fastify schema with `schemaOf`, so the OpenAPI document describes every response, the handler's
// return value is type-checked against it, and the web imports the response types with `import type`.
import { z } from 'zod';
import type { ErrorKind } from './errors.js';

/** Every 4xx body: a stable code (translated by the web), its parameters, and the code again as `message`
 *  (older endpoints still send a Danish sentence there). Extra fields are allowed (e.g. booking's alternatives). */
export const ErrorBody = z.looseObject({
  error: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export interface Operation {
  summary: string;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** 201 for creations, 202 for work started in the background; 200 otherwise. */
  status?: 200 | 201 | 202;
  /** The module's refusal codes this operation may answer with (listed in OpenAPI). */
  errors?: readonly string[];
}

const GENERIC = {
  400: 'invalid input',
  401: 'not logged in',
  403: 'not allowed',
  404: 'not found',
  409: 'conflict',
} as const;

type SchemaOf<O extends Operation> = { tags: string[]; summary: string; description?: string } & (O extends {
  params: infer P;
}
  ? { params: P }
  : unknown) &
  (O extends { querystring: infer Q } ? { querystring: Q } : unknown) &
  (O extends { body: infer B } ? { body: B } : unknown) & {
    response: Record<O extends { status: infer S extends 201 | 202 } ? S : 200, O['response']> &
      Record<keyof typeof GENERIC, typeof ErrorBody>;
  };

export function schemaOf<const O extends Operation>(
  tag: string,
  op: O,
  catalogue: Record<string, ErrorKind> = {},
): SchemaOf<O> {
  const codes = (op.errors ?? []).map((c) => `\`${c}\` (${catalogue[c] ?? 'invalid'})`);
  const generic = Object.fromEntries(Object.entries(GENERIC).map(([s, d]) => [s, ErrorBody.describe(d)]));
  return {
    tags: [tag],
    summary: op.summary,
    description: codes.length ? `Refusals: ${codes.join(', ')}.` : undefined,
    ...(op.params && { params: op.params }),
    ...(op.querystring && { querystring: op.querystring }),
    ...(op.body && { body: op.body }),
    response: { [op.status ?? 200]: op.response, ...generic },
  } as unknown as SchemaOf<O>;
}
