/**
 * TR-31 / ANSI X9.143 key block header: 16 ASCII characters and optional blocks (2-character ID, a
 * length in hex that covers ID, length and data — `00` then a length-of-length for long blocks — and
 * printable data). The header is written canonically and read strictly; errors give the offset.
 */
import { cryptoError } from '../errors.js';

/** Versions this package wraps and unwraps: B (TDES, CMAC-derived keys) and D (AES). */
export type Tr31Version = 'B' | 'D';

export interface Tr31OptionalBlock {
  /** Two characters, e.g. `KS` (IKSN), `IK` (AES DUKPT initial key ID), `KC`, `KP`, `TS`. */
  readonly id: string;
  /** Printable ASCII. */
  readonly data: string;
}

/** The header fields a caller chooses (version and length come from the wrap). */
export interface Tr31HeaderFields {
  /** Two characters: `P0`, `B0`, `B1`, `K0`, `M3`, `D0` … */
  readonly keyUsage: string;
  /** One character: `T` TDES, `A` AES, `D` DES, `H` HMAC … */
  readonly algorithm: string;
  /** One character: `E`, `D`, `B`, `C`, `G`, `V`, `N`, `X` … */
  readonly modeOfUse: string;
  /** Two characters; `00` when unused. Default `00`. */
  readonly keyVersionNumber?: string;
  /** One character: `E` exportable, `N` non-exportable, `S` sensitive. */
  readonly exportability: string;
  /** Optional blocks in order, without `PB` (the padding block is added and removed by the wrap). */
  readonly optionalBlocks?: readonly Tr31OptionalBlock[];
}

export interface Tr31Header extends Required<Tr31HeaderFields> {
  readonly version: Tr31Version;
  /** The length field: characters of the whole key block. */
  readonly length: number;
  /** Characters of the header with its optional blocks (the start of the encrypted key data). */
  readonly headerLength: number;
}

export const TR31_FIXED_HEADER_LENGTH = 16;
const FIELD = /^[0-9A-Z]+$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

export function tr31BlockSize(version: Tr31Version): 8 | 16 {
  return version === 'B' ? 8 : 16;
}

function malformed(reason: string, details: Record<string, number | string> = {}): never {
  throw cryptoError('CRYPTO_KEY_BLOCK_MALFORMED', `TR-31 key block is malformed: ${reason}`, {
    reason,
    ...details,
  });
}

function checkField(name: string, value: string | undefined, length: number): string {
  if (typeof value !== 'string' || value.length !== length || !FIELD.test(value)) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', `TR-31 ${name} must be ${length} characters 0-9 or A-Z`, {
      parameter: name,
    });
  }
  return value;
}

function hex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0');
}

/** One optional block, with the extended length form when it is longer than 255 characters. */
function formatOptionalBlock(block: Tr31OptionalBlock): string {
  const id = checkField('optional block id', block.id, 2);
  if (id === 'PB' || typeof block.data !== 'string' || !PRINTABLE.test(block.data)) {
    throw cryptoError(
      'CRYPTO_INVALID_ARGUMENT',
      'A TR-31 optional block is not PB and holds printable ASCII',
      {
        parameter: 'optionalBlocks',
      },
    );
  }
  const short = 4 + block.data.length;
  if (short <= 0xff) return `${id}${hex(short, 2)}${block.data}`;
  const long = 10 + block.data.length;
  if (long > 0xffff) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'A TR-31 optional block is too long', {
      parameter: 'optionalBlocks',
    });
  }
  return `${id}0004${hex(long, 4)}${block.data}`;
}

/** The header with its optional blocks and a PB block that aligns it to the cipher block; the length field is `0000`. */
export function formatTr31Header(version: Tr31Version, fields: Tr31HeaderFields): string {
  const blocks = (fields.optionalBlocks ?? []).map(formatOptionalBlock);
  const fixed =
    version +
    '0000' +
    checkField('keyUsage', fields.keyUsage, 2) +
    checkField('algorithm', fields.algorithm, 1) +
    checkField('modeOfUse', fields.modeOfUse, 1) +
    checkField('keyVersionNumber', fields.keyVersionNumber ?? '00', 2) +
    checkField('exportability', fields.exportability, 1);
  const size = tr31BlockSize(version);
  let body = blocks.join('');
  let count = blocks.length;
  const rest = (TR31_FIXED_HEADER_LENGTH + body.length) % size;
  if (rest !== 0) {
    // A PB block is at least 4 characters (ID and length); pad it to the next block boundary.
    let padLength = size - rest;
    if (padLength < 4) padLength += size;
    body += `PB${hex(padLength, 2)}${'0'.repeat(padLength - 4)}`;
    count += 1;
  }
  if (count > 99) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'A TR-31 header has at most 99 optional blocks', {
      parameter: 'optionalBlocks',
    });
  }
  return `${fixed}${String(count).padStart(2, '0')}00${body}`;
}

function readHexNumber(text: string, offset: number, width: number): number {
  const digits = text.slice(offset, offset + width);
  if (digits.length !== width) malformed('truncated', { offset, need: offset + width, have: text.length });
  if (!/^[0-9A-Fa-f]+$/.test(digits)) malformed('optional block length is not hex', { offset });
  return Number.parseInt(digits, 16);
}

function readDecimal(text: string, offset: number, width: number, name: string): number {
  const digits = text.slice(offset, offset + width);
  if (!/^[0-9]+$/.test(digits) || digits.length !== width)
    malformed(`${name} is not ${width} decimal digits`, { offset });
  return Number.parseInt(digits, 10);
}

/** Reads the header of a key block (no key material is touched); the version must be B or D. */
export function parseTr31Header(keyBlock: string): Tr31Header {
  if (typeof keyBlock !== 'string' || keyBlock.length < TR31_FIXED_HEADER_LENGTH) {
    malformed('truncated', {
      offset: 0,
      need: TR31_FIXED_HEADER_LENGTH,
      have: typeof keyBlock === 'string' ? keyBlock.length : -1,
    });
  }
  if (!PRINTABLE.test(keyBlock)) malformed('not printable ASCII');
  const version = keyBlock[0]!;
  if (version !== 'B' && version !== 'D') {
    throw cryptoError('CRYPTO_KEY_BLOCK_UNSUPPORTED', 'TR-31 key block version must be B or D', { version });
  }
  const length = readDecimal(keyBlock, 1, 4, 'length');
  if (length !== keyBlock.length) {
    malformed(length > keyBlock.length ? 'truncated' : 'length field disagrees', {
      need: length,
      have: keyBlock.length,
    });
  }
  const count = readDecimal(keyBlock, 12, 2, 'optional block count');
  const optionalBlocks: Tr31OptionalBlock[] = [];
  let offset = TR31_FIXED_HEADER_LENGTH;
  for (let index = 0; index < count; index += 1) {
    const id = keyBlock.slice(offset, offset + 2);
    let blockLength = readHexNumber(keyBlock, offset + 2, 2);
    let dataStart = offset + 4;
    if (blockLength === 0) {
      const lengthOfLength = readHexNumber(keyBlock, offset + 4, 2);
      blockLength = readHexNumber(keyBlock, offset + 6, lengthOfLength);
      dataStart = offset + 6 + lengthOfLength;
    }
    if (blockLength < dataStart - offset || offset + blockLength > keyBlock.length) {
      malformed('optional block length', { offset, need: offset + blockLength, have: keyBlock.length });
    }
    if (id !== 'PB') optionalBlocks.push({ id, data: keyBlock.slice(dataStart, offset + blockLength) });
    offset += blockLength;
  }
  const field = (start: number, end: number): string => keyBlock.slice(start, end);
  return {
    version,
    length,
    keyUsage: field(5, 7),
    algorithm: field(7, 8),
    modeOfUse: field(8, 9),
    keyVersionNumber: field(9, 11),
    exportability: field(11, 12),
    optionalBlocks,
    headerLength: offset,
  };
}
