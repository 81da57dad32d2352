import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The built pages of apps/web and where each is served. */
const PAGES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/terminal': 'terminal.html',
  '/wallet': 'wallet.html',
};

/**
 * The web terminal, the start page and the wallet (apps/web's Vite build): `/`, `/terminal?tid=…`,
 * `/wallet` and the hashed
 * files under `/assets/`, cached for good; pages are revalidated on every load. Only files that exist
 * at start are routed, so the API's 404s stay JSON.
 */
export async function registerWebRoutes(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(join(webRoot, 'index.html'))) return;
  await app.register(async (web) => {
    await web.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: false,
      wildcard: false,
      setHeaders: (response, path) => {
        response.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    for (const [route, file] of Object.entries(PAGES)) {
      web.get(route, { schema: { hide: true } }, (_request, reply) =>
        reply.header('cache-control', 'no-cache').sendFile(file),
      );
    }
  });
}
