import type { HostConnection, HostLink } from '../../src/ports/host-link.js';
import { ForgeryTap, type OfferForgery } from './offer-forgery.js';

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
    const tap = new ForgeryTap();
    return {
      send: (message) => {
        tap.request(this.forgery, message);
        connection.send(message);
      },
      onMessage: (listener) => connection.onMessage((message) => listener(tap.answer(message))),
      onClose: (listener) => connection.onClose(listener),
      close: () => connection.close(),
    };
  }
}
