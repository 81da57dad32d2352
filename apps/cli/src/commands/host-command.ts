import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { resolveHostConfig, startHost, DEMO, type HostConfig, type RunningHost } from '@payterm/host';
import type { CliIo } from '../cli-io.js';

/** Resolves on SIGINT or SIGTERM (Ctrl-C, `kill`, a container stop). */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function startBanner(host: RunningHost, config: HostConfig): string {
  const lines = [
    'PayTerm acquirer host is running',
    '',
    `  ISO 8583 (TCP, CUP framing)   ${host.isoAddress.host}:${host.isoAddress.port}`,
    `  HTTP API                      ${host.httpUrl}/api  (OpenAPI: ${host.httpUrl}/api/docs)`,
    `  ISO 8583 over WebSocket       ${host.httpUrl.replace('http', 'ws')}/iso8583`,
    `  Metrics                       ${host.httpUrl}/metrics`,
    ...(config.webRoot === undefined
      ? ['  Web terminal                  not built (npm run build)']
      : [
          `  Start page                    ${host.httpUrl}/`,
          `  Web terminal                  ${host.httpUrl}/terminal?tid=${DEMO.tids[0]}`,
        ]),
    `  Database                      ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}`,
    '',
    `  Demo merchant ${DEMO.mid} (${DEMO.merchantName}), terminals ${DEMO.tids.join(', ')}`,
    `  Terminal master key (test only) ${DEMO.tmkHex}, KCV ${DEMO.tmkKcv}`,
  ];
  if (host.initialApiToken !== undefined) {
    lines.push(
      '',
      `  API token (shown once, stored hashed): ${host.initialApiToken}`,
      `  e.g. curl -H 'Authorization: Bearer ${host.initialApiToken}' ${host.httpUrl}/api/terminals`,
    );
  }
  if (host.lmkSource === 'created') {
    lines.push(
      '',
      `  A new HSM master key was written to ${config.lmkFile}: back it up apart from the database.`,
    );
  }
  lines.push('', 'Ctrl-C stops the host gracefully.', '');
  return lines.join('\n');
}

/** apps/web/dist next to this CLI in the workspace, when it has been built. */
export function defaultWebRoot(): string | undefined {
  const root = fileURLToPath(new URL('../../../web/dist', import.meta.url));
  return existsSync(join(root, 'index.html')) ? root : undefined;
}

interface HostFlagsInput {
  readonly webRoot?: string;
  readonly host?: string;
  readonly isoPort?: string;
  readonly httpPort?: string;
  readonly data?: string;
  readonly db?: string;
  readonly logLevel?: string;
  readonly riskConfig?: string;
}

/** `payterm host` (and `payterm start`, which runs the same platform on the embedded default). */
export function hostCommand(io: CliIo, name: 'host' | 'start', untilStop = untilStopSignal): Command {
  return new Command(name)
    .description(
      name === 'start'
        ? 'run the platform on the embedded default (SQLite in ./data): host, API, WebSocket channel'
        : 'run the acquirer host: ISO 8583 over TCP and WebSocket, HTTP API',
    )
    .option('--host <address>', 'interface to listen on (PAYTERM_HOST, default 127.0.0.1)')
    .option('--iso-port <port>', 'ISO 8583 TCP port (PAYTERM_ISO_PORT, default 8583)')
    .option('--http-port <port>', 'HTTP port (PAYTERM_HTTP_PORT, default 8080)')
    .option('--data <dir>', 'data directory (PAYTERM_DATA, default ./data)')
    .option(
      '--db <url>',
      'sqlite:PATH or postgres://… (PAYTERM_DB or DATABASE_URL; default SQLite in the data directory)',
    )
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (PAYTERM_LOG_LEVEL)')
    .option(
      '--risk-config <file>',
      'risk rules as JSON: velocity, merchant limits, blocked BINs (PAYTERM_RISK_CONFIG)',
    )
    .option('--web-root <dir>', "the web terminal's build (PAYTERM_WEB_ROOT, default apps/web/dist)")
    .action(async (flags: HostFlagsInput) => {
      const config = resolveHostConfig({ ...flags, webRoot: flags.webRoot ?? defaultWebRoot() }, process.env);
      // Listen for the stop signal before anything starts: a supervisor may signal as soon as it sees the banner.
      const stopped = untilStop();
      const host = await startHost(config);
      io.writeOut(startBanner(host, config));
      const signal = await stopped;
      host.logger.info({ signal }, 'stopping');
      await host.close();
    });
}
