/** A point on the signature pad, in the pad's own coordinates (its canvas pixels, not the page's). */
export interface PadPoint {
  readonly x: number;
  readonly y: number;
}

export type Stroke = readonly PadPoint[];

/** Tenths of a pixel are finer than a finger draws; more digits only make the path longer. */
function coordinate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function point(command: 'M' | 'L', at: PadPoint): string {
  return `${command}${coordinate(at.x)} ${coordinate(at.y)}`;
}

/** The stroke without points that repeat the one before (a pointer resting in place). */
function distinctPoints(stroke: Stroke): PadPoint[] {
  const points: PadPoint[] = [];
  for (const next of stroke) {
    if (!Number.isFinite(next.x) || !Number.isFinite(next.y)) continue;
    const last = points.at(-1);
    if (
      last !== undefined &&
      coordinate(last.x) === coordinate(next.x) &&
      coordinate(last.y) === coordinate(next.y)
    )
      continue;
    points.push(next);
  }
  return points;
}

/**
 * The drawing as one SVG path (`M x y L x y …`, one `M` per stroke): what the signature event carries
 * and the journal keeps. A single tap is a dot (`M x y L x y`: round caps draw it). Empty when nothing
 * was drawn.
 */
export function signaturePath(strokes: readonly Stroke[]): string {
  const parts: string[] = [];
  for (const stroke of strokes) {
    const points = distinctPoints(stroke);
    const [first, ...rest] = points;
    if (first === undefined) continue;
    parts.push(point('M', first));
    for (const next of rest.length === 0 ? [first] : rest) parts.push(point('L', next));
  }
  return parts.join(' ');
}

/** Whether the customer has drawn anything. */
export function hasInk(strokes: readonly Stroke[]): boolean {
  return strokes.some((stroke) => distinctPoints(stroke).length > 0);
}

/** A pointer position in page pixels mapped into the pad's coordinates (the canvas may be scaled by CSS). */
export function toPadPoint(
  client: { readonly x: number; readonly y: number },
  box: { readonly left: number; readonly top: number; readonly width: number; readonly height: number },
  pad: { readonly width: number; readonly height: number },
): PadPoint {
  const scaleX = box.width > 0 ? pad.width / box.width : 1;
  const scaleY = box.height > 0 ? pad.height / box.height : 1;
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  return {
    x: clamp((client.x - box.left) * scaleX, pad.width),
    y: clamp((client.y - box.top) * scaleY, pad.height),
  };
}
