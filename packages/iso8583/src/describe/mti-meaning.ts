const VERSIONS: Readonly<Record<string, string>> = {
  '0': 'ISO 8583:1987',
  '1': 'ISO 8583:1993',
  '2': 'ISO 8583:2003',
};
const CLASSES: Readonly<Record<string, string>> = {
  '1': 'authorization',
  '2': 'financial',
  '3': 'file action',
  '4': 'reversal',
  '5': 'reconciliation',
  '6': 'administrative',
  '7': 'fee collection',
  '8': 'network management',
};
const FUNCTIONS: Readonly<Record<string, string>> = {
  '0': 'request',
  '1': 'response',
  '2': 'advice',
  '3': 'advice response',
  '4': 'notification',
  '5': 'notification acknowledgement',
};

/** `0200` → `ISO 8583:1987 financial request`. */
export function mtiMeaning(mti: string): string {
  const parts = [VERSIONS[mti[0] ?? ''], CLASSES[mti[1] ?? ''], FUNCTIONS[mti[2] ?? '']].filter(
    (part) => part !== undefined,
  );
  const origin = mti[3] === '1' ? ', repeat' : mti[3] === '3' ? ', issuer repeat' : '';
  return parts.join(' ') + origin;
}
