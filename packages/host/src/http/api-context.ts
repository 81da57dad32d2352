import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BearerAuth } from './bearer-auth.js';
import type { HttpServerDependencies } from './http-dependencies.js';

/** What every route module receives. */
export interface ApiContext {
  readonly deps: HttpServerDependencies;
  readonly auth: BearerAuth;
}

/** Appends one audit entry for a change made through the API; actor `api:<token label>`. */
export async function auditChange(
  context: ApiContext,
  request: FastifyRequest,
  action: string,
  subject: string,
  details: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await context.deps.repositories.auditLog.append({
    at: context.deps.clock.nowMs(),
    actor: context.auth.actorOf(request),
    action,
    subject,
    detailsJson: JSON.stringify(details),
  });
}

/** The Fastify instance routes are declared on: zod schemas for validation, serialisation and types. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
