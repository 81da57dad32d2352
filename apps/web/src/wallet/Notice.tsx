import { Bi } from '../landing/Bi.js';
import type { Bilingual } from '../landing/try-it-data.js';

/** A message in both languages; errors are alerts so screen readers say them at once. */
export function Notice({
  message,
  tone,
}: {
  readonly message: Bilingual;
  readonly tone: 'alert' | 'ok' | 'info';
}) {
  return (
    <p className={`notice tone-${tone}`} role={tone === 'alert' ? 'alert' : 'status'}>
      <Bi {...message} stacked />
    </p>
  );
}
