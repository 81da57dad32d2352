/** The POS ECB MAC of the reference's verified U1 vector (MAK C24A8FB57AA20123), as the injected MAC port. */
import { createCipher, createCupEcbMac, hexToBytes } from '@payterm/crypto';
import type { MacFunction, MacVerifier } from '@payterm/protocol';

const mac = createCupEcbMac(createCipher, hexToBytes('C24A8FB57AA20123'));

export const testMac: MacFunction = (input) => mac.compute(input).slice();
export const testVerify: MacVerifier = (input, presented) => mac.verify(input, presented);
