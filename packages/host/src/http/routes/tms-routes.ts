import { z } from 'zod';
import { isPaytermError } from '@payterm/kernel';
import type { TerminalManagement } from '../../tms/terminal-management.js';
import { TmsError } from '../../tms/tms-error.js';
import type { Rollout, RolloutAction } from '../../tms/rollout-book.js';
import type { ParameterSet } from '../../tms/parameter-book.js';
import type { SoftwarePackageSummary } from '../../storage/repositories/software-package-repository.js';
import { parameterValuesSchema } from '../../tms/parameter-values.js';
import { apiError, type ApiError } from '../api-error.js';
import { auditChange, type ApiContext, type ZodApp } from '../api-context.js';
import {
  errorResponses,
  isoTime,
  isoTimeOrNull,
  midSchema,
  tidSchema,
  timestampSchema,
} from '../api-schemas.js';

/** A package file is the terminal application module and its signed manifest: a few megabytes at most. */
const MAX_PACKAGE_BYTES = 16 * 1024 * 1024;

const releaseNotesSchema = z.object({ zh: z.string(), en: z.string() });

const packageSchema = z.object({
  id: z.number().int(),
  appId: z.string(),
  version: z.string(),
  minVersion: z.string(),
  abi: z.number().int(),
  buildTime: z.string(),
  sha256: z.string().describe('payload SHA-256, lowercase hex'),
  sizeBytes: z.number().int().describe('payload bytes'),
  prefixBytes: z.number().int().describe('package bytes before the payload'),
  keyId: z.string(),
  releaseNotes: releaseNotesSchema,
  publishedAt: timestampSchema,
  publishedBy: z.string(),
});

const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('merchant'), mid: midSchema }),
  z.strictObject({ kind: z.literal('list'), tids: z.array(tidSchema).min(1).max(10_000) }),
  z.strictObject({ kind: z.literal('percent'), percent: z.number().int().min(1).max(100) }),
]);

const rolloutSchema = z.object({
  id: z.number().int(),
  packageId: z.number().int(),
  version: z.string(),
  target: targetSchema,
  windowFrom: timestampSchema.nullable(),
  windowTo: timestampSchema.nullable(),
  state: z.enum(['active', 'paused', 'cancelled', 'completed']),
  createdAt: timestampSchema,
  createdBy: z.string(),
  updatedAt: timestampSchema,
});

const terminalStateSchema = z.object({
  tid: z.string(),
  state: z.enum(['pending', 'downloading', 'verifying', 'installed', 'failed', 'rolled-back', 'refused']),
  bytesReceived: z.number().int(),
  reasonCode: z.string().nullable(),
  reasonText: z.string().nullable(),
  updatedAt: timestampSchema.nullable(),
});

const rolloutDetailSchema = rolloutSchema.extend({
  counts: z.record(z.string(), z.number().int()).describe('terminals per state'),
  terminals: z.array(terminalStateSchema),
});

const fleetSchema = z.object({
  tid: z.string(),
  mid: z.string(),
  status: z.string(),
  runningVersion: z.string().nullable(),
  reportedAt: timestampSchema.nullable(),
  appliedParameterVersion: z.string().nullable(),
  effectiveParameterVersion: z.string().nullable(),
  parametersOutdated: z.boolean(),
  offer: z.object({ rolloutId: z.number().int(), version: z.string() }).nullable(),
  rollouts: z.array(terminalStateSchema.extend({ rolloutId: z.number().int(), version: z.string() })),
});

const parameterSetSchema = z.object({
  version: z.number().int(),
  scope: z.enum(['all', 'merchant', 'terminal']),
  scopeId: z.string(),
  values: parameterValuesSchema,
  createdAt: timestampSchema,
  createdBy: z.string(),
});

const parameterBodySchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('all'), values: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    scope: z.literal('merchant'),
    scopeId: midSchema,
    values: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({
    scope: z.literal('terminal'),
    scopeId: tidSchema,
    values: z.record(z.string(), z.unknown()),
  }),
]);

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

function packageBody(summary: SoftwarePackageSummary): z.infer<typeof packageSchema> {
  const manifest = JSON.parse(summary.manifestJson) as {
    abi: number;
    buildTime: string;
    releaseNotes: { zh: string; en: string };
  };
  return {
    id: summary.id,
    appId: summary.appId,
    version: summary.version,
    minVersion: summary.minVersion,
    abi: manifest.abi,
    buildTime: manifest.buildTime,
    sha256: summary.sha256,
    sizeBytes: summary.sizeBytes,
    prefixBytes: summary.prefixBytes,
    keyId: summary.keyId,
    releaseNotes: manifest.releaseNotes,
    publishedAt: isoTime(summary.publishedAt),
    publishedBy: summary.publishedBy,
  };
}

function rolloutBody(tms: TerminalManagement, rollout: Rollout): z.infer<typeof rolloutSchema> {
  return {
    id: rollout.id,
    packageId: rollout.packageId,
    version: tms.packages().find((summary) => summary.id === rollout.packageId)?.version ?? '',
    target:
      rollout.target.kind === 'list' ? { kind: 'list', tids: [...rollout.target.tids] } : rollout.target,
    windowFrom: isoTimeOrNull(rollout.windowFrom),
    windowTo: isoTimeOrNull(rollout.windowTo),
    state: rollout.state as z.infer<typeof rolloutSchema>['state'],
    createdAt: isoTime(rollout.createdAt),
    createdBy: rollout.createdBy,
    updatedAt: isoTime(rollout.updatedAt),
  };
}

function parameterSetBody(set: ParameterSet): z.infer<typeof parameterSetSchema> {
  return { ...set, createdAt: isoTime(set.createdAt) };
}

function timeOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms))
    throw apiError('API_INVALID_REQUEST', 'A window time is ISO 8601 (2026-12-01T08:00:00Z)');
  return ms;
}

/** The HTTP error of a TMS refusal. */
function apiErrorOf(error: TmsError): ApiError {
  switch (error.code) {
    case 'TMS_PACKAGE_REJECTED':
      return apiError('TMS_PACKAGE_REJECTED', error.message, error.details);
    case 'TMS_VERSION_PUBLISHED':
      return apiError('TMS_VERSION_PUBLISHED', error.message, error.details);
    case 'TMS_PACKAGE_UNKNOWN':
    case 'TMS_ROLLOUT_UNKNOWN':
      return apiError('API_NOT_FOUND', error.message);
    case 'TMS_ROLLOUT_STATE':
      return apiError('API_STATE_CONFLICT', error.message, error.details);
    case 'TMS_TARGET_INVALID':
    case 'TMS_PARAMETERS_INVALID':
      return apiError('API_INVALID_REQUEST', error.message);
  }
}

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TmsError || (isPaytermError(error) && error.code.startsWith('TMS_'))) {
      throw apiErrorOf(error as TmsError);
    }
    throw error;
  }
}

/**
 * Terminal management under /api/tms (docs/TMS.md §4): packages (`.ptpkg` uploaded as
 * application/octet-stream), rollouts and their per-terminal status, the fleet, parameter sets.
 */
export async function registerTmsRoutes(
  app: ZodApp,
  context: ApiContext,
  tms: TerminalManagement,
): Promise<void> {
  await app.register(async (tmsApp: ZodApp) => {
    tmsApp.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_PACKAGE_BYTES },
      (_request, body, done) => done(null, body),
    );
    registerPackageRoutes(tmsApp, context, tms);
    registerRolloutRoutes(tmsApp, context, tms);
    registerFleetAndParameterRoutes(tmsApp, context, tms);
  });
}

function registerPackageRoutes(app: ZodApp, context: ApiContext, tms: TerminalManagement): void {
  const tags = ['terminal management'];
  app.post('/api/tms/packages', {
    schema: {
      tags,
      summary:
        'Publish a signed .ptpkg (body: the file, application/octet-stream); verified before it is stored',
      consumes: ['application/octet-stream'],
      response: { 201: packageSchema, ...errorResponses(400, 401, 409) },
    },
    handler: async (request, reply) => {
      const body = request.body;
      if (!(body instanceof Uint8Array) || body.length === 0) {
        throw apiError(
          'API_INVALID_REQUEST',
          'The body is the package file, sent as application/octet-stream',
        );
      }
      const published = await refusing(() => tms.publish(body, context.auth.actorOf(request)));
      await auditChange(context, request, 'tms-package-publish', published.version, {
        id: published.id,
        sha256: published.sha256,
        keyId: published.keyId,
      });
      return reply.status(201).send(packageBody(published));
    },
  });

  app.get('/api/tms/packages', {
    schema: {
      tags,
      summary: 'Published packages, oldest first',
      response: { 200: z.object({ items: z.array(packageSchema) }), ...errorResponses(401) },
    },
    handler: () => Promise.resolve({ items: tms.packages().map(packageBody) }),
  });
}

function registerRolloutRoutes(app: ZodApp, context: ApiContext, tms: TerminalManagement): void {
  const tags = ['terminal management'];
  app.post('/api/tms/rollouts', {
    schema: {
      tags,
      summary: 'Roll a package out to all terminals, a merchant, a list of TIDs or a percentage pilot',
      body: z.strictObject({
        packageId: z.number().int().min(1),
        target: targetSchema,
        windowFrom: z.string().optional().describe('ISO 8601; no offer before'),
        windowTo: z.string().optional().describe('ISO 8601; no offer from then on'),
      }),
      response: { 201: rolloutSchema, ...errorResponses(400, 401, 404) },
    },
    handler: async (request, reply) => {
      const { packageId, target, windowFrom, windowTo } = request.body;
      const rollout = await refusing(() =>
        tms.createRollout(
          { packageId, target, windowFrom: timeOrNull(windowFrom), windowTo: timeOrNull(windowTo) },
          context.auth.actorOf(request),
        ),
      );
      await auditChange(context, request, 'tms-rollout-create', String(rollout.id), { packageId, target });
      return reply.status(201).send(rolloutBody(tms, rollout));
    },
  });

  app.get('/api/tms/rollouts', {
    schema: {
      tags,
      summary: 'Rollouts, oldest first',
      response: { 200: z.object({ items: z.array(rolloutSchema) }), ...errorResponses(401) },
    },
    handler: () => Promise.resolve({ items: tms.rollouts().map((rollout) => rolloutBody(tms, rollout)) }),
  });

  app.get('/api/tms/rollouts/:id', {
    schema: {
      tags,
      summary: 'A rollout with the state of every terminal it targets (pending until heard of)',
      params: idParams,
      response: { 200: rolloutDetailSchema, ...errorResponses(400, 401, 404) },
    },
    handler: async (request) => {
      const view = await refusing(() => tms.rolloutView(request.params.id));
      const terminals = view.terminals.map((terminal) => ({
        ...terminal,
        state: terminal.state as z.infer<typeof terminalStateSchema>['state'],
        updatedAt: isoTimeOrNull(terminal.updatedAt),
      }));
      const counts: Record<string, number> = {};
      for (const terminal of terminals) counts[terminal.state] = (counts[terminal.state] ?? 0) + 1;
      return { ...rolloutBody(tms, view.rollout), counts, terminals };
    },
  });

  for (const action of ['pause', 'resume', 'cancel'] as const satisfies readonly RolloutAction[]) {
    app.post(`/api/tms/rollouts/:id/${action}`, {
      schema: {
        tags,
        summary: `${action[0]!.toUpperCase()}${action.slice(1)} a rollout`,
        params: idParams,
        response: { 200: rolloutSchema, ...errorResponses(400, 401, 404, 409) },
      },
      handler: async (request) => {
        const rollout = await refusing(() => tms.changeRollout(request.params.id, action));
        await auditChange(context, request, `tms-rollout-${action}`, String(rollout.id));
        return rolloutBody(tms, rollout);
      },
    });
  }
}

function registerFleetAndParameterRoutes(app: ZodApp, context: ApiContext, tms: TerminalManagement): void {
  const tags = ['terminal management'];
  app.get('/api/tms/fleet', {
    schema: {
      tags,
      summary: 'Every terminal: running version, parameter versions, the offer it gets, its rollouts',
      response: { 200: z.object({ items: z.array(fleetSchema) }), ...errorResponses(401) },
    },
    handler: async () => ({
      items: (await tms.fleet()).map((entry) => ({
        ...entry,
        reportedAt: isoTimeOrNull(entry.reportedAt),
        parametersOutdated:
          entry.effectiveParameterVersion !== null &&
          Number(entry.effectiveParameterVersion) > Number(entry.appliedParameterVersion ?? '0'),
        rollouts: entry.rollouts.map((rollout) => ({
          ...rollout,
          state: rollout.state as z.infer<typeof terminalStateSchema>['state'],
          updatedAt: isoTimeOrNull(rollout.updatedAt),
        })),
      })),
    }),
  });

  app.post('/api/tms/parameters', {
    schema: {
      tags,
      summary:
        'A new parameter set version for all terminals, a merchant or one terminal (replaces that scope’s set)',
      body: parameterBodySchema,
      response: { 201: parameterSetSchema, ...errorResponses(400, 401) },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const scopeId = body.scope === 'all' ? '' : body.scopeId;
      const set = await refusing(() =>
        tms.setParameters(body.scope, scopeId, body.values, context.auth.actorOf(request)),
      );
      await auditChange(context, request, 'tms-parameters-set', `${set.scope}:${set.scopeId}`, {
        version: set.version,
      });
      return reply.status(201).send(parameterSetBody(set));
    },
  });

  app.get('/api/tms/parameters', {
    schema: {
      tags,
      summary: 'Every parameter set version, oldest first',
      response: { 200: z.object({ items: z.array(parameterSetSchema) }), ...errorResponses(401) },
    },
    handler: () => Promise.resolve({ items: tms.parameterSets().map(parameterSetBody) }),
  });
}
