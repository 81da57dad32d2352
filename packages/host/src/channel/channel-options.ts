import { channelError } from './channel-error.js';

/** Defaults shared by the TCP server and the WebSocket plugin. */
export const CHANNEL_DEFAULTS = Object.freeze({
  maxFrameBytes: 8192,
  idleTimeoutMs: 120_000,
  maxInFlightPerConnection: 64,
  maxConnections: 10_000,
  drainTimeoutMs: 10_000,
});

/** The largest payload a 2-byte length prefix can announce. */
export const MAX_FRAME_CAPACITY = 0xffff;

/** A positive safe integer option within [min, max], or its default; throws CHANNEL_INVALID_OPTION. */
export function checkedOption(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen < min || chosen > max) {
    throw channelError('CHANNEL_INVALID_OPTION', `${name} must be an integer from ${min} to ${max}`, {
      option: name,
      value: String(chosen),
    });
  }
  return chosen;
}
