import type { Screen } from '@payterm/terminal';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { capturePointer } from './pointer-capture.js';
import { hasInk, signaturePath, toPadPoint, type PadPoint, type Stroke } from './signature-path.js';

/** The pad's own coordinates: the path the journal keeps is in these, whatever size the page draws it. */
export const PAD_WIDTH = 480;
export const PAD_HEIGHT = 180;

interface SignaturePadProps {
  readonly screen: Screen;
  readonly onDone: (path: string) => void;
}

function draw(canvas: HTMLCanvasElement | null, strokes: readonly Stroke[]): void {
  const context = canvas?.getContext('2d');
  if (canvas === null || context === null || context === undefined) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.lineWidth = 3;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = '#10204a';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    context.beginPath();
    context.moveTo(first.x, first.y);
    for (const point of rest.length === 0 ? [first] : rest) context.lineTo(point.x, point.y);
    context.stroke();
  }
}

/**
 * The cardholder signs with finger, pen or mouse; 完成 Done sends the drawing as an SVG path (the
 * signature event), 擦除签名 Erase starts again. Shown while the screen asks for a signature.
 */
export function SignaturePad({ screen, onDone }: SignaturePadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<readonly Stroke[]>([]);
  const drawing = useRef<PadPoint[] | undefined>(undefined);

  useEffect(() => draw(canvas.current, strokes), [strokes]);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>): PadPoint =>
    toPadPoint({ x: event.clientX, y: event.clientY }, event.currentTarget.getBoundingClientRect(), {
      width: PAD_WIDTH,
      height: PAD_HEIGHT,
    });

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.preventDefault();
    capturePointer(event);
    const stroke = [pointAt(event)];
    drawing.current = stroke;
    setStrokes((current) => [...current, stroke]);
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const stroke = drawing.current;
    if (stroke === undefined) return;
    stroke.push(pointAt(event));
    setStrokes((current) => [...current.slice(0, -1), [...stroke]]);
  };
  const onPointerEnd = () => {
    drawing.current = undefined;
  };

  return (
    <section className="signature-pad" aria-label="签名板 Signature pad">
      <h3>
        持卡人签名 <span lang="en">Cardholder signature</span>
      </h3>
      {screen.body.map((line, index) => (
        <p key={index} className="pin-pad-line">
          {line}
        </p>
      ))}
      <canvas
        ref={canvas}
        width={PAD_WIDTH}
        height={PAD_HEIGHT}
        role="img"
        aria-label="签名 Signature"
        className="signature-canvas"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      />
      <div className="signature-actions">
        <button
          type="button"
          className="button"
          onClick={() => setStrokes([])}
          disabled={strokes.length === 0}
        >
          擦除签名 <span lang="en">Erase signature</span>
        </button>
        <button
          type="button"
          className="button primary"
          aria-label="完成 Done"
          disabled={!hasInk(strokes)}
          onClick={() => {
            onDone(signaturePath(strokes));
            setStrokes([]);
          }}
        >
          完成 <span lang="en">Done</span>
        </button>
      </div>
    </section>
  );
}
