import { expect, test } from 'vitest';
import { placeholder } from '@payterm/iso8583';
test('resolves source', () => expect(placeholder).toBe(1));
