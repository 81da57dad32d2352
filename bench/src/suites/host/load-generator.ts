import { cpuUsage } from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCipher, createCupEcbMac, hexToBytes } from '@payterm/crypto';
import { createCodec, cupPosSpec, type MessageCodec } from '@payterm/iso8583';
import { TestTerminal } from '@payterm/host/testing';
import { LatencyRecorder, summariseLatencies } from './latency-stats.js';
import { LoadConnection, StanCounter, type LoadTally } from './load-connection.js';
import type { GeneratorConfig, GeneratorMessage, GeneratorResult, LoadTerminal } from './load-protocol.js';
import { SaleTemplate } from './sale-template.js';

/**
 * The load generator, run in a process of its own (`fork`, config over IPC): signs each terminal in
 * once with TestTerminal (which also checks one real sale end to end), then drives N connections × K
 * sales in flight with pre-packed sales, and reports the measured window.
 */

interface SignedTerminal {
  readonly template: SaleTemplate;
  readonly stans: StanCounter;
  readonly mak: Uint8Array;
}

/** Echo mode has no host to sign in with: fixed test working keys. */
const ECHO_KEYS = { pik: hexToBytes('1111111111111111'), mak: hexToBytes('2222222222222222') };
const DRAIN_TIMEOUT_MS = 5000;

async function signIn(
  config: GeneratorConfig,
  terminal: LoadTerminal,
  codec: MessageCodec,
): Promise<SignedTerminal> {
  const base = { tid: terminal.tid, mid: terminal.mid, pan: config.pan, pin: config.pin };
  if (config.mode === 'echo') {
    const template = SaleTemplate.build(codec, {
      ...base,
      ...ECHO_KEYS,
      batch: '000001',
      amountMinor: config.amountMinor,
    });
    return { template, stans: new StanCounter(0, true), mak: ECHO_KEYS.mak };
  }
  const client = await TestTerminal.connect({
    host: config.host,
    port: config.port,
    tid: terminal.tid,
    mid: terminal.mid,
    tmkHex: terminal.tmkHex,
    keepJournal: false,
  });
  try {
    const signedIn = await client.signIn();
    const keys = client.workingKeys;
    if (signedIn.response.responseCode !== '00' || keys === undefined) {
      throw new Error(`terminal ${terminal.tid} sign-in answered ${signedIn.response.responseCode}`);
    }
    const check = await client.sale({ pan: config.pan, pin: config.pin, amountMinor: config.amountMinor });
    if (check.response.responseCode !== '00') {
      throw new Error(`terminal ${terminal.tid}: the check sale answered ${check.response.responseCode}`);
    }
    const template = SaleTemplate.build(codec, {
      ...base,
      batch: client.batch,
      pik: keys.pik,
      mak: keys.mak,
      amountMinor: config.amountMinor,
    });
    return { template, stans: new StanCounter(Number(client.lastStan ?? 0)), mak: keys.mak };
  } finally {
    await client.close();
  }
}

async function run(config: GeneratorConfig): Promise<GeneratorResult> {
  const codec = createCodec(cupPosSpec);
  const signed: SignedTerminal[] = [];
  for (const terminal of config.terminals) signed.push(await signIn(config, terminal, codec));
  const tally: LoadTally = {
    measuring: false,
    sending: true,
    responses: 0,
    macChecked: 0,
    macFailed: 0,
    unmatched: 0,
    responseCodes: new Map(),
    latencies: new LatencyRecorder(),
  };
  let failure: Error | undefined;
  const connections: LoadConnection[] = [];
  for (let index = 0; index < config.connections; index++) {
    const terminal = signed[index % signed.length] as SignedTerminal;
    connections.push(
      await LoadConnection.open({
        host: config.host,
        port: config.port,
        template: terminal.template,
        stans: terminal.stans,
        codec,
        mac: createCupEcbMac(createCipher, terminal.mak),
        macSampleEvery: config.macSampleEvery,
        tally,
        onError: (error) => {
          failure ??= error;
          tally.sending = false;
        },
      }),
    );
  }
  try {
    for (const connection of connections) connection.send(config.inFlight);
    await sleep(config.warmupMs);
    reply({ type: 'window', edge: 'start' });
    tally.measuring = true;
    const cpuStart = cpuUsage();
    const startNs = process.hrtime.bigint();
    await sleep(config.windowMs);
    tally.measuring = false;
    reply({ type: 'window', edge: 'end' });
    const elapsedMs = Number(process.hrtime.bigint() - startNs) / 1e6;
    const cpu = cpuUsage(cpuStart);
    tally.sending = false;
    const drainUntil = process.hrtime.bigint() + BigInt(DRAIN_TIMEOUT_MS) * 1_000_000n;
    while (connections.some((c) => c.outstanding > 0) && process.hrtime.bigint() < drainUntil)
      await sleep(20);
    if (failure !== undefined) throw failure;
    return {
      responses: tally.responses,
      elapsedMs,
      latency: summariseLatencies(tally.latencies.values()),
      responseCodes: Object.fromEntries(tally.responseCodes),
      macChecked: tally.macChecked,
      macFailed: tally.macFailed,
      unmatched: tally.unmatched,
      unanswered: connections.reduce((sum, c) => sum + c.outstanding, 0),
      generatorCpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    for (const connection of connections) connection.close();
  }
}

function reply(message: GeneratorMessage): void {
  process.send?.(message);
}

process.once('message', (config: GeneratorConfig) => {
  run(config).then(
    (result) => {
      reply({ type: 'result', result });
      process.disconnect();
    },
    (error: unknown) => {
      reply({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.disconnect();
    },
  );
});
reply({ type: 'ready' });
