import { IsoTcpServer, replyWith } from '@payterm/host';

/**
 * The floor peer, run in a process of its own: the host's own TCP channel (IsoTcpServer, CUP
 * framing, back-pressure) with a handler that returns every frame as it came. Reports its port over
 * IPC and stops on SIGTERM.
 */
const server = new IsoTcpServer({ handler: (frame) => Promise.resolve(replyWith(frame)) });
const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ type: 'listening', port });
process.once('SIGTERM', () => {
  void server.close({ drainTimeoutMs: 1000 }).then(() => process.exit(0));
});
