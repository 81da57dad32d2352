import type { Command } from 'commander';
import { CliError } from '../../cli-error.js';

/** `--url` and `--token`: the host's HTTP API, as the commands that manage the host through it take them. */
export interface ApiFlags {
  readonly url?: string;
  readonly token?: string;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';
export const API_TOKEN_VARIABLE = 'PAYTERM_API_TOKEN';

export function apiOptions(command: Command): Command {
  return command
    .option('--url <url>', `the host's HTTP address (default ${DEFAULT_API_URL})`)
    .option(
      '--token <token>',
      `an API token, pt_… (default: the ${API_TOKEN_VARIABLE} environment variable)`,
    );
}

export type ApiBody =
  { readonly json: unknown } | { readonly bytes: Uint8Array; readonly contentType: string };

interface ApiErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

/**
 * One call to the host's API with the bearer token; returns the JSON answer. A refusal is CLI_API_REFUSED
 * with the host's code and message; no answer at all is CLI_API_UNREACHABLE. The token is never printed.
 */
export async function callApi(
  flags: ApiFlags,
  method: 'GET' | 'POST',
  path: string,
  body?: ApiBody,
): Promise<unknown> {
  const token = flags.token ?? process.env[API_TOKEN_VARIABLE];
  if (token === undefined || token === '') {
    throw new CliError('CLI_INVALID_OPTION', `An API token is needed: --token or ${API_TOKEN_VARIABLE}`, {
      option: '--token',
    });
  }
  const base = (flags.url ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let payload: RequestInit['body'];
  if (body !== undefined && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body !== undefined) {
    headers['content-type'] = body.contentType;
    payload = new Uint8Array(body.bytes);
  }
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
  } catch (error) {
    throw new CliError('CLI_API_UNREACHABLE', `No answer from ${base}: ${(error as Error).message}`, {
      url: base,
    });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const refusal = (parsed as ApiErrorBody | null)?.error;
    throw new CliError('CLI_API_REFUSED', refusal?.message ?? `HTTP ${response.status}`, {
      status: response.status,
      hostCode: refusal?.code ?? null,
    });
  }
  return parsed;
}
