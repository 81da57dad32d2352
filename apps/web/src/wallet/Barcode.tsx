import { code128Bars } from './code128.js';

/** A Code 128 barcode as SVG, with a quiet zone of 10 modules each side. */
export function Barcode({ value, label }: { readonly value: string; readonly label: string }) {
  const { bars, modules } = code128Bars(value);
  const quiet = 10;
  return (
    <svg
      className="barcode"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${modules + 2 * quiet} 40`}
      preserveAspectRatio="none"
      shapeRendering="crispEdges"
    >
      <rect width={modules + 2 * quiet} height="40" fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x + quiet} width={bar.width} height="40" fill="#000" />
      ))}
    </svg>
  );
}
