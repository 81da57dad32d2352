/** DES key parity: each key byte carries an odd number of one-bits (FIPS 46-3 §3; its low bit is the parity bit). */

/** A copy of `key` with each byte's low bit set so the byte has odd parity. */
export function adjustKeyParity(key: Uint8Array): Uint8Array {
  const out = key.slice();
  for (let index = 0; index < out.length; index += 1) {
    let byte = out[index]! & 0xfe;
    let ones = 0;
    for (let rest = byte; rest !== 0; rest &= rest - 1) ones += 1;
    if (ones % 2 === 0) byte |= 1;
    out[index] = byte;
  }
  return out;
}

/** Whether every byte of `key` has odd parity. */
export function hasOddKeyParity(key: Uint8Array): boolean {
  let bad = 0;
  for (const byte of key) {
    let ones = 0;
    for (let rest = byte; rest !== 0; rest &= rest - 1) ones += 1;
    bad |= (ones & 1) ^ 1;
  }
  return bad === 0;
}
