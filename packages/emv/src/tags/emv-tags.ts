import type { TagFormat, TagInfo, TagSensitivity, TagSource } from './tag-info.js';

function tag(
  name: string,
  source: TagSource,
  format: TagFormat,
  minBytes: number,
  maxBytes = minBytes,
  extra: { digits?: number; constructed?: boolean; sensitive?: TagSensitivity } = {},
): TagInfo {
  return { name, source, format, minBytes, maxBytes, ...extra };
}

const pan = { sensitive: 'pan' } as const;
const track = { sensitive: 'track' } as const;
const discretionary = { sensitive: 'discretionary' } as const;
const template = { constructed: true } as const;

/**
 * EMV data objects seen in ISO 8583 field 55 requests and responses: names, source, format and length
 * after EMV Book 3 Annex A, plus the scheme tags UnionPay (PBOC / qPBOC), Visa and Mastercard put in
 * field 55 (9F53, 9F5D, 9F63, 9F66, 9F6B, 9F6C, 9F6E, 9F74, 9F7C, DF31).
 */
export const EMV_TAGS: Readonly<Record<string, TagInfo>> = {
  '4F': tag('Application identifier (AID) – card', 'card', 'b', 5, 16),
  '50': tag('Application label', 'card', 'ans', 1, 16),
  '56': tag('Track 1 data', 'card', 'ans', 1, 76, track),
  '57': tag('Track 2 equivalent data', 'card', 'b', 1, 19, track),
  '5A': tag('Application PAN', 'card', 'cn', 1, 10, { digits: 19, ...pan }),
  '5F20': tag('Cardholder name', 'card', 'ans', 2, 26, { sensitive: 'name' }),
  '5F24': tag('Application expiration date (YYMMDD)', 'card', 'n', 3, 3, { digits: 6 }),
  '5F25': tag('Application effective date (YYMMDD)', 'card', 'n', 3, 3, { digits: 6 }),
  '5F28': tag('Issuer country code', 'card', 'n', 2, 2, { digits: 3 }),
  '5F2A': tag('Transaction currency code', 'terminal', 'n', 2, 2, { digits: 3 }),
  '5F2D': tag('Language preference', 'card', 'an', 2, 8),
  '5F30': tag('Service code', 'card', 'n', 2, 2, { digits: 3 }),
  '5F34': tag('Application PAN sequence number', 'card', 'n', 1, 1, { digits: 2 }),
  '71': tag('Issuer script template 1', 'issuer', 'b', 0, 255, template),
  '72': tag('Issuer script template 2', 'issuer', 'b', 0, 255, template),
  '82': tag('Application interchange profile', 'card', 'b', 2),
  '84': tag('Dedicated file (DF) name', 'card', 'b', 5, 16),
  '86': tag('Issuer script command', 'issuer', 'b', 0, 261),
  '8A': tag('Authorisation response code', 'issuer', 'an', 2),
  '8C': tag('Card risk management data object list 1 (CDOL1)', 'card', 'b', 0, 252),
  '8D': tag('Card risk management data object list 2 (CDOL2)', 'card', 'b', 0, 252),
  '8E': tag('Cardholder verification method (CVM) list', 'card', 'b', 10, 252),
  '8F': tag('Certification authority public key index', 'card', 'b', 1),
  '91': tag('Issuer authentication data', 'issuer', 'b', 8, 16),
  '95': tag('Terminal verification results', 'terminal', 'b', 5),
  '9A': tag('Transaction date (YYMMDD)', 'terminal', 'n', 3, 3, { digits: 6 }),
  '9B': tag('Transaction status information', 'terminal', 'b', 2),
  '9C': tag('Transaction type', 'terminal', 'n', 1, 1, { digits: 2 }),
  '9F01': tag('Acquirer identifier', 'terminal', 'n', 6, 6, { digits: 11 }),
  '9F02': tag('Amount, authorised (numeric)', 'terminal', 'n', 6, 6, { digits: 12 }),
  '9F03': tag('Amount, other (numeric)', 'terminal', 'n', 6, 6, { digits: 12 }),
  '9F06': tag('Application identifier (AID) – terminal', 'terminal', 'b', 5, 16),
  '9F07': tag('Application usage control', 'card', 'b', 2),
  '9F08': tag('Application version number – card', 'card', 'b', 2),
  '9F09': tag('Application version number – terminal', 'terminal', 'b', 2),
  '9F0D': tag('Issuer action code – default', 'card', 'b', 5),
  '9F0E': tag('Issuer action code – denial', 'card', 'b', 5),
  '9F0F': tag('Issuer action code – online', 'card', 'b', 5),
  '9F10': tag('Issuer application data', 'card', 'b', 0, 32),
  '9F11': tag('Issuer code table index', 'card', 'n', 1, 1, { digits: 2 }),
  '9F12': tag('Application preferred name', 'card', 'ans', 1, 16),
  '9F15': tag('Merchant category code', 'terminal', 'n', 2, 2, { digits: 4 }),
  '9F16': tag('Merchant identifier', 'terminal', 'ans', 15),
  '9F18': tag('Issuer script identifier', 'issuer', 'b', 4),
  '9F1A': tag('Terminal country code', 'terminal', 'n', 2, 2, { digits: 3 }),
  '9F1B': tag('Terminal floor limit', 'terminal', 'b', 4),
  '9F1C': tag('Terminal identification', 'terminal', 'an', 8),
  '9F1E': tag('Interface device (IFD) serial number', 'terminal', 'an', 8),
  '9F1F': tag('Track 1 discretionary data', 'card', 'ans', 0, 54, discretionary),
  '9F20': tag('Track 2 discretionary data', 'card', 'cn', 0, 16, discretionary),
  '9F21': tag('Transaction time (HHMMSS)', 'terminal', 'n', 3, 3, { digits: 6 }),
  '9F26': tag('Application cryptogram', 'card', 'b', 8),
  '9F27': tag('Cryptogram information data', 'card', 'b', 1),
  '9F33': tag('Terminal capabilities', 'terminal', 'b', 3),
  '9F34': tag('Cardholder verification method (CVM) results', 'terminal', 'b', 3),
  '9F35': tag('Terminal type', 'terminal', 'n', 1, 1, { digits: 2 }),
  '9F36': tag('Application transaction counter (ATC)', 'card', 'b', 2),
  '9F37': tag('Unpredictable number', 'terminal', 'b', 4),
  '9F39': tag('Point-of-service (POS) entry mode', 'terminal', 'n', 1, 1, { digits: 2 }),
  '9F40': tag('Additional terminal capabilities', 'terminal', 'b', 5),
  '9F41': tag('Transaction sequence counter', 'terminal', 'n', 2, 4),
  '9F4C': tag('ICC dynamic number', 'card', 'b', 2, 8),
  '9F53': tag('Transaction category code (Mastercard)', 'terminal', 'an', 1),
  '9F5D': tag('Available offline spending amount', 'card', 'n', 6, 6, { digits: 12 }),
  '9F63': tag('Card product identification information', 'card', 'b', 16),
  '9F66': tag('Terminal transaction qualifiers (TTQ)', 'terminal', 'b', 4),
  '9F6B': tag('Track 2 data (Mastercard contactless)', 'card', 'b', 1, 19, track),
  '9F6C': tag('Card transaction qualifiers (CTQ)', 'card', 'b', 2),
  '9F6E': tag('Form factor indicator (Visa) / third-party data (Mastercard)', 'card', 'b', 4, 32),
  '9F74': tag('VLP issuer authorisation code (electronic cash)', 'card', 'an', 6),
  '9F7C': tag('Customer exclusive data (Visa) / merchant custom data (Mastercard)', 'card', 'b', 0, 32),
  DF31: tag('Issuer script results', 'terminal', 'b', 0, 255),
};

/** The dictionary entry of a tag (either hex case), or undefined when the tag is not in it. */
export function emvTagInfo(tag: string): TagInfo | undefined {
  return EMV_TAGS[tag.toUpperCase()];
}
