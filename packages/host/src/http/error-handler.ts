import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isPaytermError } from '@payterm/kernel';
import { API_ERROR_CODES, ApiError } from './api-error.js';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    /** WALLET_PIN_WRONG: wrong PINs the user may still make today. */
    triesLeft?: number;
  };
}

/**
 * Every failure leaves as `{ error: { code, message } }`: schema violations as API_INVALID_REQUEST with
 * the issues (paths and messages, never the values sent), ApiErrors with their status, the storage's
 * bad cursor as 400, anything else as API_INTERNAL (500) with the cause only in the server log.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: [error.validationContext, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')]
        .filter((part) => part !== undefined && part !== '')
        .join('.'),
      message: issue.message ?? 'invalid',
    }));
    return send(reply, 400, {
      error: { code: 'API_INVALID_REQUEST', message: 'The request does not match the schema', issues },
    });
  }
  if (error instanceof ApiError) {
    const triesLeft = error.details.triesLeft;
    return send(reply, error.statusCode, {
      error: {
        code: error.code,
        message: error.message,
        ...(typeof triesLeft === 'number' ? { triesLeft } : {}),
      },
    });
  }
  if (isPaytermError(error) && error.code === 'STORAGE_CURSOR_INVALID') {
    return send(reply, 400, { error: { code: 'API_INVALID_REQUEST', message: error.message } });
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own request errors: malformed JSON, wrong content type, body too large.
    return send(reply, status, { error: { code: 'API_INVALID_REQUEST', message: error.message } });
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, API_ERROR_CODES.API_INTERNAL.status, {
    error: { code: 'API_INTERNAL', message: 'Internal error' },
  });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, 404, {
    error: {
      code: 'API_NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    },
  });
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}
