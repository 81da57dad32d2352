import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '@payterm/kernel';
import { channelError } from './channel-error.js';
import type { ChannelObserver } from './channel-observer.js';
import { CHANNEL_DEFAULTS, checkedOption, resolveChannelOptions } from './channel-options.js';
import type { FrameHandler, PeerInfo } from './frame-handler.js';
import { WS_CLOSE, WsConnection, type WsSocketLike } from './ws-connection.js';

export interface IsoWebSocketPluginOptions {
  readonly handler: FrameHandler;
  readonly observer?: ChannelObserver;
  /** Largest message accepted, without the 2-byte prefix (default 8192). */
  readonly maxFrameBytes?: number;
  /** Route of the WebSocket endpoint (default `/iso8583`). */
  readonly path?: string;
  readonly idleTimeoutMs?: number;
  readonly maxInFlightPerConnection?: number;
  readonly maxConnections?: number;
  /** How long open connections get to answer what they received when Fastify closes (default 10 000). */
  readonly drainTimeoutMs?: number;
  readonly clock?: Clock;
}

/**
 * ISO 8583 over WebSocket for terminals running in a browser: one binary message = one framed message
 * (exactly the TCP frame bytes). Register on the host's Fastify server:
 * `app.register(isoWebSocketPlugin, { handler })`. It registers @fastify/websocket itself unless the
 * server already has it. On `app.close()` open connections stop reading, answer what they received
 * and close with 1001 (bounded by `drainTimeoutMs`). A host that registers @fastify/websocket at its
 * root must give it a `preClose` that leaves the clients open, or that plugin's default (close every
 * client at once) runs before this drain and in-flight replies are lost.
 */
export const isoWebSocketPlugin: FastifyPluginAsync<IsoWebSocketPluginOptions> = async (fastify, options) => {
  const { settings, maxConnections } = resolveChannelOptions(options);
  const drainTimeoutMs = checkedOption(
    'drainTimeoutMs',
    options.drainTimeoutMs,
    CHANNEL_DEFAULTS.drainTimeoutMs,
    0,
    2 ** 31 - 1,
  );
  const connections = new Map<string, WsConnection>();
  let nextConnectionNumber = 1;

  // Added before @fastify/websocket so it runs before that plugin's own preClose closes every client.
  fastify.addHook('preClose', async () => {
    const open = [...connections.values()];
    for (const connection of open)
      connection.beginClose('server-closing', WS_CLOSE.goingAway, 'server closing');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainTimeoutMs)));
    await Promise.race([Promise.all(open.map((connection) => connection.done)), timeout]);
    clearTimeout(timer);
  });

  if (!fastify.hasDecorator('websocketServer')) {
    await fastify.register(websocket, { options: { maxPayload: settings.maxFrameBytes + 2 } });
  }

  fastify.get(options.path ?? '/iso8583', { websocket: true }, (socket: WsSocketLike, request) => {
    const peer: PeerInfo = {
      channel: 'websocket',
      connectionId: `ws-${nextConnectionNumber++}`,
      remoteAddress: `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? 0}`,
    };
    if (connections.size >= maxConnections) {
      const error = channelError('CHANNEL_CONNECTION_LIMIT', 'connection refused: the server is full', {
        connectionId: peer.connectionId,
        maxConnections,
      });
      settings.observer.onError?.('connection-limit', peer, error);
      socket.close(WS_CLOSE.tryAgainLater, 'server full');
      return;
    }
    const connection = new WsConnection(socket, peer, settings);
    connections.set(peer.connectionId, connection);
    void connection.done.then(() => connections.delete(peer.connectionId));
  });
};
