import { z } from 'zod';
import { hexToBytes, type Hsm, type HsmKeyAlgorithm, type KeyHandle } from '@payterm/crypto';
import { isPaytermError } from '@payterm/kernel';
import { apiError, notFound } from '../api-error.js';
import { auditChange, type ApiContext, type ZodApp } from '../api-context.js';
import { errorResponses } from '../api-schemas.js';
import { tidParams } from './terminal-routes.js';

const hexKeySchema = z
  .string()
  .regex(
    /^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64})$/,
    'a key component is 32, 48 or 64 hex digits',
  );
const kcvSchema = z.string().regex(/^(?:[0-9A-Fa-f]{2}){2,16}$/, 'a check value is 4 to 32 hex digits');

const componentsSchema = z
  .array(z.strictObject({ hex: hexKeySchema, kcv: kcvSchema.optional() }))
  .min(2)
  .max(3)
  .describe('clear components entered by their custodians, each with its check value');

const tmkBodySchema = z.union([
  z.strictObject({ components: componentsSchema, kcv: kcvSchema.optional() }),
  z.strictObject({
    tr31: z.strictObject({
      keyBlock: z.string().min(16).max(4096).describe('TR-31 key block (usage K0 or K1)'),
      kbpkId: z.string().min(1).max(200).describe('the id of a ZMK loaded through POST /api/keys/zmk'),
    }),
  }),
]);

const zmkBodySchema = z.strictObject({
  components: componentsSchema,
  kcv: kcvSchema.optional(),
  algorithm: z.enum(['tdes', 'aes']).default('tdes'),
});

const keyResultSchema = z.object({
  id: z.string(),
  type: z.string(),
  algorithm: z.string(),
  kcv: z.string(),
});

type ComponentsBody = { components: { hex: string; kcv?: string | undefined }[]; kcv?: string | undefined };

async function importComponents(
  hsm: Hsm,
  type: 'TMK' | 'ZMK',
  algorithm: HsmKeyAlgorithm,
  body: ComponentsBody,
): Promise<KeyHandle> {
  const components = body.components.map((component) => ({
    value: hexToBytes(component.hex),
    ...(component.kcv === undefined ? {} : { kcv: hexToBytes(component.kcv) }),
  }));
  try {
    return await hsm.importKey({
      kind: 'components',
      type,
      algorithm,
      components,
      ...(body.kcv === undefined ? {} : { kcv: hexToBytes(body.kcv) }),
    });
  } finally {
    for (const component of components) component.value.fill(0);
  }
}

/** The HSM's refusal as an API error: crypto errors carry no key material, so their codes can be shown. */
function rejected(error: unknown): unknown {
  if (!isPaytermError(error)) return error;
  if (error.code === 'CRYPTO_KCV_MISMATCH') {
    const component = error.details['component'];
    return apiError(
      'API_KCV_MISMATCH',
      component === undefined
        ? 'The key does not have the presented check value'
        : `Component ${String(component)} does not have the presented check value`,
      {},
      { cause: error },
    );
  }
  if (error.code.startsWith('CRYPTO_') || error.code.startsWith('HSM_')) {
    return apiError(
      'API_KEY_REJECTED',
      `The HSM refused the key: ${error.code}`,
      { reason: error.code },
      { cause: error },
    );
  }
  return error;
}

async function zoneKey(hsm: Hsm, id: string): Promise<KeyHandle> {
  let handle: KeyHandle;
  try {
    handle = await hsm.getKey(id);
  } catch (error) {
    if (isPaytermError(error) && error.code === 'HSM_KEY_NOT_FOUND') throw notFound('key with this kbpkId');
    throw error;
  }
  if (handle.type !== 'ZMK')
    throw apiError('API_KEY_REJECTED', 'kbpkId must name a ZMK', { reason: 'kbpk-not-zmk' });
  return handle;
}

export function registerKeyRoutes(app: ZodApp, context: ApiContext): void {
  const { repositories, directory, hsm } = context.deps;

  app.put('/api/terminals/:tid/tmk', {
    schema: {
      tags: ['terminals', 'keys'],
      summary: 'Load a terminal master key from components or a TR-31 block; the terminal must sign in again',
      params: tidParams,
      body: tmkBodySchema,
      response: { 200: z.object({ tid: z.string(), kcv: z.string() }), ...errorResponses(400, 401, 404) },
    },
    handler: async (request) => {
      const { tid } = request.params;
      const terminal = await repositories.terminals.get(tid);
      if (terminal === undefined) throw notFound('terminal with this TID');
      const body = request.body;
      let handle: KeyHandle;
      try {
        handle =
          'tr31' in body
            ? await hsm.importKey({
                kind: 'tr31',
                type: 'TMK',
                kbpk: await zoneKey(hsm, body.tr31.kbpkId),
                keyBlock: body.tr31.keyBlock,
              })
            : await importComponents(hsm, 'TMK', 'tdes', body);
      } catch (error) {
        throw rejected(error);
      }
      await repositories.terminals.update(tid, { tmkKeyId: handle.id, signedIn: false });
      await auditChange(context, request, 'tmk-load', tid, {
        source: 'tr31' in body ? 'tr31' : 'components',
        kcv: handle.kcv,
      });
      directory.forgetTerminal(tid);
      return { tid, kcv: handle.kcv };
    },
  });

  app.post('/api/keys/zmk', {
    schema: {
      tags: ['keys'],
      summary: 'Load a zone master key from components (the KBPK of TR-31 blocks)',
      body: zmkBodySchema,
      response: { 201: keyResultSchema, ...errorResponses(400, 401) },
    },
    handler: async (request, reply) => {
      let handle: KeyHandle;
      try {
        handle = await importComponents(hsm, 'ZMK', request.body.algorithm, request.body);
      } catch (error) {
        throw rejected(error);
      }
      await auditChange(context, request, 'zmk-import', handle.id, {
        kcv: handle.kcv,
        algorithm: handle.algorithm,
      });
      return reply
        .status(201)
        .send({ id: handle.id, type: handle.type, algorithm: handle.algorithm, kcv: handle.kcv });
    },
  });
}
