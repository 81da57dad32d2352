/**
 * Echo rate of the TCP channel: the "floor" peer for the host benchmark. Not a unit test (no test
 * asserts timings); run it by hand:
 *
 *   npx esbuild packages/host/test/channel/echo-rate.script.ts --bundle --platform=node --format=esm \
 *     --conditions=source --outfile=/tmp/echo-rate.mjs && node /tmp/echo-rate.mjs [connections] [inFlight] [seconds]
 *
 * The server runs in this process with an echo handler; the terminals run in a child process, each
 * keeping `inFlight` 250-byte messages (2-byte framed) outstanding and sending a new one per reply.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// Straight from the modules, not the channel index: the bundle then leaves Fastify out.
import { replyWith } from '../../src/channel/frame-handler.js';
import { IsoTcpClient } from '../../src/channel/iso-tcp-client.js';
import { IsoTcpServer } from '../../src/channel/iso-tcp-server.js';

const MESSAGE_BYTES = 250;

async function runServer(connections: number, inFlight: number, seconds: number): Promise<void> {
  const server = new IsoTcpServer({ handler: (frame) => Promise.resolve(replyWith(frame)) });
  const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
  const child = fork(fileURLToPath(import.meta.url), [
    'client',
    String(port),
    String(connections),
    String(inFlight),
    String(seconds),
  ]);
  const result = await new Promise<{ frames: number; elapsedMs: number }>((resolve) =>
    child.once('message', resolve as never),
  );
  await server.close({ drainTimeoutMs: 1000 });
  const rate = Math.round((result.frames * 1000) / result.elapsedMs);
  console.log(
    `${connections} connections × ${inFlight} in flight, ${MESSAGE_BYTES}-byte messages: ` +
      `${result.frames} replies in ${Math.round(result.elapsedMs)} ms = ${rate} frames/s`,
  );
}

async function runClients(
  port: number,
  connections: number,
  inFlight: number,
  seconds: number,
): Promise<void> {
  const message = new Uint8Array(MESSAGE_BYTES).fill(0x30);
  const terminals = await Promise.all(
    Array.from({ length: connections }, () => IsoTcpClient.connect({ host: '127.0.0.1', port })),
  );
  let counting = false;
  let frames = 0;
  for (const terminal of terminals) {
    terminal.onFrame(() => {
      if (counting) frames++;
      terminal.send(message);
    });
    for (let i = 0; i < inFlight; i++) terminal.send(message);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000)); // warm-up
  counting = true;
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsedMs = performance.now() - start;
  counting = false;
  process.send?.({ frames, elapsedMs });
  await Promise.all(terminals.map((terminal) => terminal.destroy()));
  process.exit(0);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'client') {
  const [port, connections, inFlight, seconds] = rest.map(Number) as [number, number, number, number];
  await runClients(port, connections, inFlight, seconds);
} else {
  const [connections = 50, inFlight = 20, seconds = 5] = [mode, ...rest]
    .filter((arg) => arg !== undefined)
    .map(Number);
  await runServer(connections, inFlight, seconds);
}
