import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from './api-error.js';
import type { ApiTokens } from './api-tokens.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Bearer-token authentication for the protected routes, and who made each request (for the audit log).
 * The actor is kept beside the request rather than decorated onto Fastify's request type, so that this
 * package does not change that type for everyone who imports Fastify.
 */
export class BearerAuth {
  readonly #tokens: ApiTokens;
  readonly #actors = new WeakMap<FastifyRequest, string>();

  constructor(tokens: ApiTokens) {
    this.#tokens = tokens;
  }

  /** An onRequest hook: 401 (`API_UNAUTHORIZED`) unless the request carries a valid, unrevoked token. */
  readonly hook = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (match?.[1] === undefined) {
      void reply.header('www-authenticate', 'Bearer');
      throw apiError('API_UNAUTHORIZED', 'An API token is required (Authorization: Bearer pt_…)');
    }
    const identity = await this.#tokens.verify(match[1]);
    if (identity === undefined) {
      void reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw apiError('API_UNAUTHORIZED', 'The API token is not valid');
    }
    this.#actors.set(request, `api:${identity.label}`);
  };

  /** `api:<token label>` for an authenticated request. */
  actorOf(request: FastifyRequest): string {
    const actor = this.#actors.get(request);
    if (actor === undefined) throw apiError('API_UNAUTHORIZED', 'The request is not authenticated');
    return actor;
  }
}
