import { childPath, EmvError, emvError } from '../errors.js';
import { qrCrc } from './crc16.js';
import {
  MANDATORY_OBJECTS,
  mandatorySubObjects,
  subObjectRule,
  topLevelRule,
  type QrObjectRule,
} from './mpm-rules.js';
import { characterCount } from './qr-object.js';
import { scanQrObjects, type LocatedQrObject } from './qr-scan.js';

const CRC_TEXT = /^[0-9A-F]{4}$/;

/**
 * Every problem of a merchant-presented payload against EMV QRCPS-MPM v1.1, in payload order of
 * the checks (placement, CRC, mandatory objects, then each object's length and format); empty when
 * the payload is valid. A structural problem (cut-off object, bad ID or length, duplicate) is the
 * only problem reported, since nothing after it can be read.
 */
export function validateMpm(payload: string): EmvError[] {
  const chars = Array.from(payload);
  let objects: LocatedQrObject[];
  try {
    objects = scanQrObjects(chars, 0, chars.length, '');
  } catch (error) {
    if (error instanceof EmvError) return [error];
    throw error;
  }
  return mpmProblems(chars, objects);
}

/** The rule problems of scanned objects; `chars` are the payload's code points. */
export function mpmProblems(chars: readonly string[], objects: readonly LocatedQrObject[]): EmvError[] {
  const problems: EmvError[] = [];
  checkPlacement(objects, problems);
  checkCrc(chars, objects, problems);
  checkMandatory(objects, problems);
  for (const object of objects) {
    checkValue(object, '', topLevelRule(object.id), problems);
    if (object.children !== undefined) checkTemplate(object, problems);
  }
  checkConvenienceFee(objects, problems);
  return problems;
}

function checkPlacement(objects: readonly LocatedQrObject[], problems: EmvError[]): void {
  const first = objects.findIndex((object) => object.id === '00');
  if (first > 0) {
    problems.push(
      misplaced(objects[first] as LocatedQrObject, 'the payload format indicator must come first'),
    );
  }
  const crc = objects.findIndex((object) => object.id === '63');
  if (crc >= 0 && crc !== objects.length - 1) {
    problems.push(misplaced(objects[crc] as LocatedQrObject, 'the CRC must be the last object'));
  }
}

function misplaced(object: LocatedQrObject, reason: string): EmvError {
  return emvError('EMV_QR_MISPLACED_OBJECT', reason, {
    path: object.id,
    phase: 'payload',
    offset: object.offset,
  });
}

function checkCrc(chars: readonly string[], objects: readonly LocatedQrObject[], problems: EmvError[]): void {
  const last = objects.at(-1);
  if (last?.id !== '63' || characterCount(last.value) !== 4) return;
  const site = { path: '63', phase: 'crc', offset: last.offset + 4 } as const;
  if (!CRC_TEXT.test(last.value)) {
    problems.push(
      emvError(
        'EMV_QR_INVALID_CRC',
        `CRC ${JSON.stringify(last.value)} is not 4 upper-case hex digits`,
        site,
      ),
    );
    return;
  }
  const expected = qrCrc(chars.slice(0, last.offset + 4).join(''));
  if (expected !== last.value) {
    problems.push(
      emvError('EMV_QR_INVALID_CRC', `CRC is ${last.value} but the payload gives ${expected}`, site),
    );
  }
}

function checkMandatory(objects: readonly LocatedQrObject[], problems: EmvError[]): void {
  const ids = new Set(objects.map((object) => object.id));
  for (const id of MANDATORY_OBJECTS) {
    if (!ids.has(id))
      problems.push(missing(id, `mandatory object ${id} (${topLevelRule(id).name}) is absent`));
  }
  if (!objects.some((object) => Number(object.id) >= 2 && Number(object.id) <= 51)) {
    problems.push(missing('02..51', 'no merchant account information (IDs 02–51)'));
  }
}

function missing(path: string, reason: string): EmvError {
  return emvError('EMV_QR_MISSING_OBJECT', reason, { path, phase: 'payload' });
}

function checkTemplate(template: LocatedQrObject, problems: EmvError[]): void {
  const children = template.children ?? [];
  for (const id of mandatorySubObjects(template.id)) {
    if (!children.some((child) => child.id === id)) {
      problems.push(missing(childPath(template.id, id), `template ${template.id} has no sub-object ${id}`));
    }
  }
  for (const child of children)
    checkValue(child, template.id, subObjectRule(template.id, child.id), problems);
}

function checkValue(object: LocatedQrObject, parent: string, rule: QrObjectRule, problems: EmvError[]): void {
  const path = childPath(parent, object.id);
  const length = characterCount(object.value);
  const site = { path, phase: 'value', offset: object.offset + 4 } as const;
  if (length < rule.minLength || length > rule.maxLength) {
    const bound = length < rule.minLength ? rule.minLength : rule.maxLength;
    const range = rule.minLength === rule.maxLength ? `${bound}` : `${rule.minLength}–${rule.maxLength}`;
    problems.push(
      emvError('EMV_QR_INVALID_LENGTH', `${rule.name} (${path}) must be ${range} characters, not ${length}`, {
        ...site,
        need: bound,
        have: length,
      }),
    );
    return;
  }
  if (rule.format !== undefined && !rule.format.test(object.value)) {
    problems.push(
      emvError(
        'EMV_QR_INVALID_VALUE',
        `${rule.name} (${path}) ${JSON.stringify(object.value)} is not valid`,
        site,
      ),
    );
  }
}

function checkConvenienceFee(objects: readonly LocatedQrObject[], problems: EmvError[]): void {
  const indicator = objects.find((object) => object.id === '55')?.value;
  const needed = indicator === '02' ? '56' : indicator === '03' ? '57' : undefined;
  if (needed !== undefined && !objects.some((object) => object.id === needed)) {
    problems.push(missing(needed, `tip or convenience indicator ${indicator} needs object ${needed}`));
  }
}
