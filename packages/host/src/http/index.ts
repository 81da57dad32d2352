export { createHttpServer, DOCS_PATH } from './create-http-server.js';
export {
  type HttpServerDependencies,
  type HealthReport,
  type TerminalDirectoryInvalidation,
} from './http-dependencies.js';
export { ApiTokens, API_TOKEN_PREFIX, hashToken, type ApiTokenIdentity } from './api-tokens.js';
export { ApiError, API_ERROR_CODES, apiError, type ApiErrorCode } from './api-error.js';
