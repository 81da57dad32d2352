import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { printJson } from '../tools/tool-input.js';
import { apiOptions, callApi, type ApiFlags } from './api-client.js';

async function readPackageFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError('CLI_INPUT_UNREADABLE', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
}

/** `payterm tms publish FILE`: uploads a signed package to the host, which verifies it before it stores it. */
export function publishCommand(io: CliIo): Command {
  return apiOptions(
    new Command('publish')
      .description(
        "publish a signed .ptpkg through the host's API: verified against the host's trusted keys, then stored",
      )
      .argument('<file>', 'the package file'),
  ).action(async (file: string, flags: ApiFlags) => {
    const bytes = await readPackageFile(file);
    printJson(
      io,
      await callApi(flags, 'POST', '/api/tms/packages', { bytes, contentType: 'application/octet-stream' }),
    );
  });
}
