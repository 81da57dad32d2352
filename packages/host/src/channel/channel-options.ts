import { systemClock, type Clock } from '@payterm/kernel';
import { channelError } from './channel-error.js';
import type { ChannelObserver } from './channel-observer.js';
import type { FrameHandler } from './frame-handler.js';

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

/** What every connection of a channel (TCP or WebSocket) works with, its limits checked. */
export interface ConnectionSettings {
  readonly handler: FrameHandler;
  readonly observer: ChannelObserver;
  readonly clock: Clock;
  readonly maxFrameBytes: number;
  readonly idleTimeoutMs: number;
  readonly maxInFlight: number;
}

/** The options both channels take. */
export interface ChannelOptions {
  readonly handler: FrameHandler;
  readonly observer?: ChannelObserver;
  readonly clock?: Clock;
  readonly maxFrameBytes?: number;
  readonly idleTimeoutMs?: number;
  readonly maxInFlightPerConnection?: number;
  readonly maxConnections?: number;
}

/** The connection settings and connection limit of `options`; throws CHANNEL_INVALID_OPTION. */
export function resolveChannelOptions(options: ChannelOptions): {
  readonly settings: ConnectionSettings;
  readonly maxConnections: number;
} {
  const { maxFrameBytes, idleTimeoutMs, maxInFlightPerConnection, maxConnections } = CHANNEL_DEFAULTS;
  return {
    settings: {
      handler: options.handler,
      observer: options.observer ?? {},
      clock: options.clock ?? systemClock,
      maxFrameBytes: checkedOption(
        'maxFrameBytes',
        options.maxFrameBytes,
        maxFrameBytes,
        1,
        MAX_FRAME_CAPACITY,
      ),
      idleTimeoutMs: checkedOption('idleTimeoutMs', options.idleTimeoutMs, idleTimeoutMs, 1, 2 ** 31 - 1),
      maxInFlight: checkedOption(
        'maxInFlightPerConnection',
        options.maxInFlightPerConnection,
        maxInFlightPerConnection,
        1,
        1_000_000,
      ),
    },
    maxConnections: checkedOption('maxConnections', options.maxConnections, maxConnections, 1, 10_000_000),
  };
}
