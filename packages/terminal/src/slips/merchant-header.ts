import type { Language, TerminalProfile } from '../profile.js';
import type { SlipBuilder } from './slip-builder.js';
import { FIELD_LABELS, fieldLabel, phrase, REPRINT_MARKER } from './slip-labels.js';

/** Merchant name and number, terminal number and, when given, the operator: the head of every slip. */
export function addMerchantHeader(
  slip: SlipBuilder,
  profile: Pick<TerminalProfile, 'merchantName' | 'mid' | 'tid'>,
  language: Language,
  operator?: string,
): void {
  slip
    .field(fieldLabel(FIELD_LABELS.merchantName, language), profile.merchantName)
    .field(fieldLabel(FIELD_LABELS.merchantNo, language), profile.mid)
    .field(fieldLabel(FIELD_LABELS.terminalNo, language), profile.tid);
  if (operator !== undefined) slip.field(fieldLabel(FIELD_LABELS.operatorNo, language), operator);
}

/** `*** 重打印 REPRINT ***`, centred. */
export function addReprintMarker(slip: SlipBuilder, language: Language): void {
  slip.center(`*** ${phrase(REPRINT_MARKER, language)} ***`);
}
