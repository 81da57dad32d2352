import { maskPan } from '@payterm/kernel';
import type { TestCard } from '@payterm/terminal';

/** A test card's radio name on the card panel: its masked number and brand, `620000******0011 UnionPay`. */
export function cardName(card: Pick<TestCard, 'pan' | 'brand'>): string {
  return `${maskPan(card.pan)} ${card.brand}`;
}
