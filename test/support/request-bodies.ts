// Every write Sesamy's Management API accepts from the actions, with the zod mirror of
// its body (sdk-schemas.ts). A write the table does not know is a write to an
// endpoint Sesamy does not have.
import type * as z from 'zod';
import type { SeenRequest } from '../../scripts/fake-sesamy/api.ts';
import { ChangeLoginIdentifierSchema, CreateGrantSchema, CreateUserSchema, ProfileWriteSchema, UpdateGrantSchema } from './sdk-schemas.ts';

/** A PATCH changes the profile; a changed email goes through change-login-identifier instead. */
const PatchUserSchema = ProfileWriteSchema.omit({ email: true });

interface Endpoint {
  readonly method: string;
  /** Path segments after /management/, with `*` for one id. */
  readonly path: readonly string[];
  readonly body: z.ZodType | 'text';
  /** Which id of the path the body repeats, when it does (CreateGrant's `source`). */
  readonly repeats?: { readonly field: string; readonly segment: number };
}

export const WRITES: readonly Endpoint[] = [
  { method: 'POST', path: ['access-lists', '*', 'grants'], body: CreateGrantSchema, repeats: { field: 'source', segment: 1 } },
  { method: 'PUT', path: ['access-lists', '*', 'grants', '*'], body: UpdateGrantSchema },
  { method: 'POST', path: ['users'], body: CreateUserSchema },
  { method: 'PATCH', path: ['users', '*'], body: PatchUserSchema },
  { method: 'POST', path: ['users', '*', 'change-login-identifier'], body: ChangeLoginIdentifierSchema },
  { method: 'PUT', path: ['users', '*', 'user_metadata', '*'], body: 'text' },
];

const segmentsOf = (path: string): string[] | undefined => {
  const { pathname } = new URL(path, 'https://api2.sesamy.com');
  if (!pathname.startsWith('/management/')) return undefined;
  return pathname.slice('/management/'.length).split('/').map(decodeURIComponent);
};

const matches = (endpoint: Endpoint, method: string, segments: readonly string[]): boolean =>
  endpoint.method === method &&
  endpoint.path.length === segments.length &&
  endpoint.path.every((part, index) => (part === '*' ? (segments[index] ?? '') !== '' : part === segments[index]));

/** What is wrong with one write: its endpoint, its content type or its body; undefined when it is Sesamy's. */
export const bodyProblem = (write: SeenRequest): string | undefined => {
  const segments = segmentsOf(write.path);
  const endpoint = segments && WRITES.find((candidate) => matches(candidate, write.method, segments));
  if (!segments || !endpoint) return 'no such endpoint in Sesamy’s Management API (or an empty id in the path)';
  if (endpoint.body === 'text') {
    if (!write.contentType?.startsWith('text/plain')) return `sent ${write.contentType ?? 'no content type'}, not text/plain`;
    return typeof write.body === 'string' ? undefined : 'sent no text';
  }
  if (!write.contentType?.startsWith('application/json')) return `sent ${write.contentType ?? 'no content type'}, not JSON`;
  const result = endpoint.body.safeParse(write.body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `the body does not match Sesamy’s type at ${issue?.path.map(String).join('.') || 'the top'}: ${issue?.message ?? ''}`;
  }
  if (endpoint.repeats) {
    const { field, segment } = endpoint.repeats;
    const repeated = (write.body as Record<string, unknown>)[field];
    if (repeated !== segments[segment])
      return `the body's ${field} ${JSON.stringify(repeated)} is not the path's ${JSON.stringify(segments[segment])}`;
  }
  return undefined;
};
