export {
  type ChannelKind,
  type FrameHandler,
  type FrameReply,
  type PeerInfo,
  NO_REPLY,
  replyWith,
} from './frame-handler.js';
export {
  type ChannelObserver,
  type ChannelErrorKind,
  type CloseReason,
  type ReplyInfo,
} from './channel-observer.js';
export { ChannelError, CHANNEL_ERROR_CODES, type ChannelErrorCode } from './channel-error.js';
export { CHANNEL_DEFAULTS } from './channel-options.js';
export {
  IsoTcpServer,
  type IsoTcpServerOptions,
  type ListenOptions,
  type BoundAddress,
  type CloseOptions,
} from './iso-tcp-server.js';
export { type ConnectionStats } from './tcp-connection.js';
export { IsoTcpClient, type IsoTcpClientOptions } from './iso-tcp-client.js';
export { isoWebSocketPlugin, type IsoWebSocketPluginOptions } from './iso-websocket-plugin.js';
export { WS_CLOSE } from './ws-connection.js';
