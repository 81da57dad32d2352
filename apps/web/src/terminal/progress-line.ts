/** A progress bar as the device UI draws it in text: `[#####---------------] 25 %` (software-flows.ts). */
const TEXT_BAR = /\[([#-]+)\] (\d{1,3}) %/;

/** A body line with a text progress bar: the words around it and the percentage it shows. */
export interface ProgressLine {
  readonly before: string;
  readonly percent: number;
  readonly after: string;
}

/** The progress bar in `line`, if it has one (the download screen, the version screen's download). */
export function progressOf(line: string): ProgressLine | undefined {
  const match = TEXT_BAR.exec(line);
  if (match === null) return undefined;
  const percent = Math.min(100, Number(match[2]));
  return {
    before: line.slice(0, match.index),
    percent,
    after: line.slice(match.index + match[0].length),
  };
}
