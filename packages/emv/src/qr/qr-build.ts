import { childPath, emvError } from '../errors.js';
import { qrCrc } from './crc16.js';
import { MPM_FIELD_IDS, type MerchantPresentedQr, type MpmTextField } from './mpm-types.js';
import { validateMpm } from './mpm-validate.js';
import { characterCount, type QrObjectInput } from './qr-object.js';

const TWO_DIGITS = /^\d\d$/;

/**
 * Encodes data objects in the order given and appends the CRC object (`6304` + CRC-16/CCITT-FALSE
 * over the UTF-8 bytes of everything before it). Checks IDs and lengths only, no MPM rule.
 */
export function buildQrPayload(objects: readonly QrObjectInput[]): string {
  const body = objects.map((object) => {
    if (object.id === '63') {
      throw emvError('EMV_QR_MISPLACED_OBJECT', 'the CRC (63) is computed, not given', {
        path: '63',
        phase: 'payload',
      });
    }
    return encodeObject(object, '');
  });
  const withCrcHeader = `${body.join('')}6304`;
  return withCrcHeader + qrCrc(withCrcHeader);
}

function encodeObject(object: QrObjectInput, parent: string): string {
  const path = childPath(parent, object.id);
  if (!TWO_DIGITS.test(object.id)) {
    throw emvError('EMV_QR_INVALID_ID', `ID ${JSON.stringify(object.id)} is not two digits`, {
      path: parent === '' ? null : parent,
      phase: 'tag',
    });
  }
  const value = object.children?.map((child) => encodeObject(child, path)).join('') ?? object.value;
  if (value === undefined) {
    throw emvError('EMV_QR_INVALID_VALUE', `${path} has neither a value nor children`, {
      path,
      phase: 'value',
    });
  }
  const length = characterCount(value);
  if (length > 99) {
    throw emvError('EMV_QR_INVALID_LENGTH', `${path} is ${length} characters, over 99`, {
      path,
      phase: 'value',
      need: 99,
      have: length,
    });
  }
  return object.id + String(length).padStart(2, '0') + value;
}

/**
 * Builds a merchant-presented payload from typed fields: objects in `qr.order` (00 always first),
 * then the others in ID order, then the CRC. The result is validated like parseMpm validates; the
 * first problem is thrown as an EmvError.
 */
export function buildMpm(qr: MerchantPresentedQr): string {
  const payload = buildQrPayload(mpmObjects(qr));
  const problem = validateMpm(payload)[0];
  if (problem !== undefined) throw problem;
  return payload;
}

/** The top-level objects of typed fields, in build order. */
export function mpmObjects(qr: MerchantPresentedQr): QrObjectInput[] {
  const byId = new Map<string, QrObjectInput>();
  const add = (object: QrObjectInput, low: number, high: number): void => {
    const n = Number(object.id);
    if (!TWO_DIGITS.test(object.id) || n < low || n > high) {
      throw emvError('EMV_QR_INVALID_ID', `ID ${JSON.stringify(object.id)} is not in ${low}–${high}`, {
        path: object.id,
        phase: 'tag',
      });
    }
    if (byId.has(object.id)) {
      throw emvError('EMV_QR_DUPLICATE_OBJECT', `${object.id} is given twice`, {
        path: object.id,
        phase: 'tag',
      });
    }
    byId.set(object.id, object);
  };
  for (const [field, id] of Object.entries(MPM_FIELD_IDS)) {
    const value = qr[field as MpmTextField];
    if (value !== undefined) byId.set(id, { id, value });
  }
  for (const account of qr.merchantAccounts) add(account, 2, 51);
  // An empty list means "no template": a present template must hold at least one object.
  if (qr.additionalData?.length) byId.set('62', { id: '62', children: qr.additionalData });
  if (qr.merchantInformationLanguage?.length) {
    byId.set('64', { id: '64', children: qr.merchantInformationLanguage });
  }
  for (const object of qr.rfu ?? []) add(object, 65, 79);
  for (const object of qr.unreservedTemplates ?? []) add(object, 80, 99);
  const listed = (qr.order ?? []).filter((id) => id !== '00' && byId.has(id));
  const rest = [...byId.keys()].filter((id) => id !== '00' && !listed.includes(id)).sort();
  return [...new Set(['00', ...listed, ...rest])].flatMap((id) => byId.get(id) ?? []);
}
