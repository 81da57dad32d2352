import { Command } from 'commander';
import { buildMpm, parseMpm, validateMpm, type MerchantPresentedQr } from '@payterm/emv';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { readArgumentOrStdin, readFileOrStdin } from '../input.js';
import { printJson } from './tool-input.js';

/** A payload read from stdin loses the line break a shell or editor adds; a payload has none itself. */
function stripNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

function problemJson(problem: { code: string; message: string; details: object }): object {
  return { code: problem.code, message: problem.message, ...problem.details };
}

const TEXT_FIELDS = [
  'payloadFormatIndicator',
  'pointOfInitiation',
  'merchantCategoryCode',
  'transactionCurrency',
  'transactionAmount',
  'tipOrConvenienceIndicator',
  'convenienceFeeFixed',
  'convenienceFeePercentage',
  'countryCode',
  'merchantName',
  'merchantCity',
  'postalCode',
] as const;
const OBJECT_LISTS = [
  'merchantAccounts',
  'additionalData',
  'merchantInformationLanguage',
  'rfu',
  'unreservedTemplates',
] as const;

function badFields(message: string, field: string): CliError {
  return new CliError('CLI_INVALID_FIELDS', message, { field });
}

function checkObjects(list: unknown, field: string): void {
  if (!Array.isArray(list)) throw badFields(`${field} must be a list of {"id", "value" | "children"}`, field);
  list.forEach((object: unknown, index) => {
    const path = `${field}[${index}]`;
    if (typeof object !== 'object' || object === null || typeof (object as { id?: unknown }).id !== 'string')
      throw badFields(`${path} must be an object with a string "id"`, path);
    const { value, children } = object as { value?: unknown; children?: unknown };
    if (value !== undefined && typeof value !== 'string')
      throw badFields(`${path}.value must be a string`, path);
    if (children !== undefined) checkObjects(children, `${path}.children`);
  });
}

/** The shape buildMpm expects (it checks the content itself); anything else is CLI_INVALID_FIELDS. */
function toMpmFields(json: unknown): MerchantPresentedQr {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw badFields('the input must be a JSON object of merchant-presented QR fields', '');
  const record = json as Record<string, unknown>;
  for (const field of TEXT_FIELDS) {
    if (record[field] !== undefined && typeof record[field] !== 'string')
      throw badFields(`${field} must be a string`, field);
  }
  for (const field of OBJECT_LISTS) {
    if (record[field] !== undefined || field === 'merchantAccounts') checkObjects(record[field], field);
  }
  if (
    record.order !== undefined &&
    (!Array.isArray(record.order) || record.order.some((id) => typeof id !== 'string'))
  )
    throw badFields('order must be a list of IDs', 'order');
  return record as unknown as MerchantPresentedQr;
}

export function qrCommand(io: CliIo): Command {
  const command = new Command('qr').description('EMVCo merchant-presented QR codes (MPM v1.1)');
  command
    .command('decode')
    .description('payload → JSON fields; every problem listed, exit 2 when the payload is not valid')
    .argument('<payload>', 'the QR payload text, or - to read standard input')
    .action(async (argument: string) => {
      const payload = stripNewline(await readArgumentOrStdin(argument, io));
      const problems = validateMpm(payload);
      if (problems.length === 0) {
        printJson(io, { valid: true, problems: [], fields: parseMpm(payload) });
        return;
      }
      printJson(io, { valid: false, problems: problems.map(problemJson) });
      throw new CliError(
        'CLI_QR_INVALID',
        `the payload has ${problems.length} problem(s); first: ${problems[0]!.message}`,
        { problems: problems.length, first: problems[0]!.code },
      );
    });
  command
    .command('encode')
    .description('JSON fields (as `qr decode` prints under "fields") → payload with its CRC')
    .argument('<file>', 'a JSON file, or - to read standard input')
    .action(async (file: string) => {
      const text = await readFileOrStdin(file, io);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new CliError('CLI_INVALID_JSON', `the input is not JSON: ${(error as Error).message}`);
      }
      const payload = buildMpm(toMpmFields(json));
      printJson(io, { payload, crc: payload.slice(-4) });
    });
  return command;
}
