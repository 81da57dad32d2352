import { PaytermError, type ErrorDetails } from '@payterm/kernel';

/** Stable codes of the ISO 8583 channels (TCP server and client, WebSocket plugin). */
export const CHANNEL_ERROR_CODES = {
  CHANNEL_INVALID_OPTION: 'a channel option is out of range (frame size, limits, timeouts, port)',
  CHANNEL_NOT_LISTENING: 'a server operation needs a listening server',
  CHANNEL_ALREADY_LISTENING: 'listen was called on a server that is listening or closed',
  CHANNEL_CONNECTION_LIMIT: 'a connection was refused because the server holds its maximum',
  CHANNEL_CONNECT_TIMEOUT: 'a client did not connect within its timeout',
  CHANNEL_REQUEST_TIMEOUT: 'no matching reply arrived within the request timeout',
  CHANNEL_CONNECTION_CLOSED: 'the connection closed before a reply was received or could be written',
  CHANNEL_WS_TEXT_MESSAGE: 'a WebSocket text message arrived where only binary frames are accepted',
  CHANNEL_WS_BAD_LENGTH_PREFIX:
    'a WebSocket message length prefix does not match the message or exceeds the maximum',
  CHANNEL_HANDLER_INVALID_REPLY: 'a frame handler resolved with something that is not a FrameReply',
} as const;

export type ChannelErrorCode = keyof typeof CHANNEL_ERROR_CODES;

/** Thrown or reported by the channels; details carry sizes and ids, never message bytes. */
export class ChannelError extends PaytermError<ChannelErrorCode> {}

export function channelError(
  code: ChannelErrorCode,
  message: string,
  details: ErrorDetails = {},
  cause?: unknown,
): ChannelError {
  return new ChannelError(code, message, details, cause === undefined ? undefined : { cause });
}
