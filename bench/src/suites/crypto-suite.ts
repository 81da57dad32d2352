import {
  AesDukptHost,
  TdesDukptHost,
  createCipher,
  createCupEcbMac,
  hexToBytes,
  translatePinBlock,
} from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';
import { systemRandom } from '@payterm/kernel';
import type { TimingOptions } from '../measure.js';
import type { BenchResult } from '../report.js';
import type { Suite } from '../suite.js';
import { measureCompared, type ComparedCase } from '../compared-cases.js';
import {
  checkCryptoFixtures,
  AES_DUKPT_VECTORS,
  desEde3Key,
  DUKPT_KSNS,
  DUKPT_VECTOR,
  MAK_16,
  MAK_8,
  MESSAGE,
  MESSAGE_BYTES,
  peerAesDukptTransactionKey,
  peerDukptTransactionKey,
  peerPosEcbMac,
  peerTranslatePinBlock,
  PIN_TRANSLATION,
} from './crypto-fixtures.js';

/**
 * Payment crypto operations per second: the CUP POS ECB MAC over a 250-byte message and a format 0
 * PIN translation and TDES / AES-128 DUKPT transaction-key derivation, against node:crypto used directly (a new des-ede3-ecb cipher per call). Ours
 * keeps one keyed cipher and MAC per key and writes the MAC into a reused buffer.
 */

const OURS = '@payterm/crypto';
const OURS_NODE = '@payterm/crypto, node cipher';
const PEER =
  `node:crypto ${process.versions.openssl === undefined ? '' : `(OpenSSL ${process.versions.openssl})`}`.trim();

/** The issue's target for the 8-byte MAK POS ECB MAC on one core. */
export const POS_ECB_TARGET_OPS = 200_000;

const peerNote =
  'node:crypto straight: createCipheriv(des-ede3-ecb) per call (single DES as K‖K‖K, OpenSSL 3 has no plain DES), Buffer hex';
const oursNote =
  'pure TypeScript cipher; key schedule and MAC made once, MAC written into a reused 8-byte buffer';
const oursNodeNote =
  'our MAC over createNodeCipher (one node:crypto ECB context per direction, kept), reused output';

export const cryptoSuite: Suite = {
  name: 'crypto',
  description: `POS ECB MAC (${MESSAGE_BYTES} bytes), PIN translation and DUKPT key derivation (TDES, AES), vs node:crypto used directly`,
  run(timing: TimingOptions, log: (line: string) => void): BenchResult[] {
    log(checkCryptoFixtures());

    const output = new Uint8Array(8);
    const mac8 = createCupEcbMac(createCipher, MAK_8);
    const mac8Node = createCupEcbMac(createNodeCipher, MAK_8);
    const mac16 = createCupEcbMac(createCipher, MAK_16);
    const key8 = desEde3Key(MAK_8);
    const key16 = desEde3Key(MAK_16);

    const t = PIN_TRANSLATION;
    const tpk = hexToBytes(t.tpk);
    const zpk = hexToBytes(t.zpk);
    const block = hexToBytes(t.block);
    const peerBlock = Buffer.from(block);
    const translation = {
      from: { cipher: createCipher('tdes', tpk), format: 0 },
      to: { cipher: createCipher('tdes', zpk), format: 0 },
      pan: t.pan,
      random: systemRandom,
    } as const;
    const tpk24 = desEde3Key(tpk);
    const zpk24 = desEde3Key(zpk);

    const bdk = hexToBytes(DUKPT_VECTOR.bdk);
    const host = new TdesDukptHost(bdk);
    const peerBdk = Buffer.from(bdk);
    const keyOutput = new Uint8Array(16);
    const dukptNote = 'one TdesDukptHost per BDK (reused key schedules), key written into a reused buffer';
    const peerDukptNote =
      'node:crypto straight: IPEK then one NRKGP per counter bit, a new des-ede3-ecb cipher per DES step, Buffers';
    const dukptCases = Object.entries(DUKPT_KSNS).flatMap(([label, ksn]): ComparedCase[] => {
      const what = label === 'first' ? 'counter 1 (1 step)' : 'counter 1FF800 (10 steps, the most)';
      const peerKsn = Buffer.from(ksn);
      return [
        {
          id: `dukpt-${label}`,
          case: `TDES DUKPT transaction key from BDK, ${what}`,
          impl: OURS,
          peer: `dukpt-${label}-peer`,
          note: dukptNote,
          op: () => host.transactionKey(ksn, keyOutput),
        },
        {
          id: `dukpt-${label}-peer`,
          case: `TDES DUKPT transaction key from BDK, ${what}`,
          impl: PEER,
          note: peerDukptNote,
          op: () => peerDukptTransactionKey(peerBdk, peerKsn),
        },
      ];
    });

    const aesHost = new AesDukptHost(hexToBytes(AES_DUKPT_VECTORS.bdk));
    const peerAesBdk = Buffer.from(AES_DUKPT_VECTORS.bdk, 'hex');
    const aesKeyOutput = new Uint8Array(16);
    const aesDukptCases = (['first', 'worst'] as const).flatMap((label): ComparedCase[] => {
      const ksn = hexToBytes(AES_DUKPT_VECTORS[label].ksn);
      const peerKsn = Buffer.from(ksn);
      const what = label === 'first' ? 'counter 1 (1 step)' : 'counter FFFF0000 (16 steps, the most)';
      return [
        {
          id: `aes-dukpt-${label}`,
          case: `AES-128 DUKPT transaction key from BDK, ${what}`,
          impl: OURS,
          peer: `aes-dukpt-${label}-peer`,
          note: 'one AesDukptHost per BDK (its default: one reused AES key schedule), key written into a reused buffer',
          op: () => aesHost.transactionKey(ksn, aesKeyOutput),
        },
        {
          id: `aes-dukpt-${label}-peer`,
          case: `AES-128 DUKPT transaction key from BDK, ${what}`,
          impl: PEER,
          note: 'node:crypto straight: a new aes-128-ecb cipher per derivation step, Buffers',
          op: () => peerAesDukptTransactionKey(peerAesBdk, peerKsn),
        },
      ];
    });

    const cases: ComparedCase[] = [
      {
        id: 'mac8',
        case: `POS ECB MAC, ${MESSAGE_BYTES} bytes, 8-byte MAK (DES)`,
        impl: OURS,
        peer: 'mac8-peer',
        note: oursNote,
        op: () => mac8.compute(MESSAGE, output),
      },
      {
        id: 'mac8-node',
        case: `POS ECB MAC, ${MESSAGE_BYTES} bytes, 8-byte MAK (DES)`,
        impl: OURS_NODE,
        peer: 'mac8-peer',
        note: oursNodeNote,
        op: () => mac8Node.compute(MESSAGE, output),
      },
      {
        id: 'mac8-peer',
        case: `POS ECB MAC, ${MESSAGE_BYTES} bytes, 8-byte MAK (DES)`,
        impl: PEER,
        note: peerNote,
        op: () => peerPosEcbMac(key8, MESSAGE),
      },
      {
        id: 'mac16',
        case: `POS ECB MAC, ${MESSAGE_BYTES} bytes, 16-byte MAK (TDES)`,
        impl: OURS,
        peer: 'mac16-peer',
        note: oursNote,
        op: () => mac16.compute(MESSAGE, output),
      },
      {
        id: 'mac16-peer',
        case: `POS ECB MAC, ${MESSAGE_BYTES} bytes, 16-byte MAK (TDES)`,
        impl: PEER,
        note: peerNote,
        op: () => peerPosEcbMac(key16, MESSAGE),
      },
      {
        id: 'pin',
        case: 'PIN translate format 0 TPK → ZPK (TDES)',
        impl: OURS,
        peer: 'pin-peer',
        note: 'pure TypeScript ciphers made once per key; the PIN is checked and re-encoded',
        op: () => translatePinBlock(block, translation),
      },
      {
        id: 'pin-peer',
        case: 'PIN translate format 0 TPK → ZPK (TDES)',
        impl: PEER,
        note: 'node:crypto straight: createDecipheriv + createCipheriv(des-ede3-ecb) per call, PIN checked and re-encoded via hex',
        op: () => peerTranslatePinBlock(tpk24, zpk24, peerBlock, t.pan),
      },
      ...dukptCases,
      ...aesDukptCases,
    ];

    const { results, measured } = measureCompared(cases, timing, log);
    const mac8Ops = measured.get('mac8')?.opsPerSec ?? 0;
    log(
      `target: ≥ ${POS_ECB_TARGET_OPS.toLocaleString('en-US')} POS ECB MACs/s (8-byte MAK) on one core — ` +
        `${Math.round(mac8Ops).toLocaleString('en-US')}/s, ${mac8Ops >= POS_ECB_TARGET_OPS ? 'met' : 'NOT met'}`,
    );
    return results;
  },
};
