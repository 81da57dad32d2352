/**
 * Whether `a` and `b` hold the same bytes, in time that depends only on their lengths (lengths are
 * public: MAC, KCV and PVV sizes are fixed by the protocol).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
