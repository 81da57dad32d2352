import type { Bilingual } from './try-it-data.js';

/**
 * Chinese first, then English — on one line as the terminal prints them ("消费 Sale"), or with the
 * English on a line of its own for sentences (`stacked`). The space between stays in the text, so
 * accessible names read "消费 Sale" either way.
 */
export function Bi({ zh, en, stacked = false }: Bilingual & { readonly stacked?: boolean }) {
  return (
    <>
      {zh}{' '}
      <span lang="en" className={stacked ? 'en-line' : undefined}>
        {en}
      </span>
    </>
  );
}
