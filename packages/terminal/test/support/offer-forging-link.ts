import type { HostConnection, HostLink } from '../../src/ports/host-link.js';
import type { OfferForgery, OfferForgeryChannel } from './offer-forgery.js';

/**
 * A HostLink between the terminal and the real one that, while `forgery` is set, rewrites what crosses it
 * as that OfferForgery says: another package in the `360` offer, its bytes in the `363` answers.
 */
export class OfferForgingLink implements HostLink {
  forgery: OfferForgery | undefined;

  constructor(private readonly inner: HostLink) {}

  get endpoint(): string {
    return this.inner.endpoint;
  }

  async connect(timeoutMs: number): Promise<HostConnection> {
    const connection = await this.inner.connect(timeoutMs);
    // The forgery in force when a request leaves decides its answer (one exchange at a time).
    let armed: { readonly forgery: OfferForgery; readonly channel: OfferForgeryChannel } | undefined;
    return {
      send: (message) => {
        const forgery = this.forgery;
        if (forgery === undefined) armed = undefined;
        else if (armed?.forgery !== forgery) armed = { forgery, channel: forgery.channel() };
        armed?.channel.request(message);
        connection.send(message);
      },
      onMessage: (listener) =>
        connection.onMessage((message) => listener(armed?.channel.answer(message) ?? message)),
      onClose: (listener) => connection.onClose(listener),
      close: () => connection.close(),
    };
  }
}
