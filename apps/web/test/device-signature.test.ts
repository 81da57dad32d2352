import { describe, expect, it } from 'vitest';
import { hasInk, signaturePath, toPadPoint } from '../src/terminal/signature-path.js';

describe('signaturePath: the drawing as an SVG path', () => {
  it('draws each stroke from an M with L segments, in tenths of a pixel', () => {
    const path = signaturePath([
      [
        { x: 10, y: 20 },
        { x: 15.04, y: 22.26 },
        { x: 30, y: 18 },
      ],
      [
        { x: 40, y: 40 },
        { x: 60.5, y: 41 },
      ],
    ]);
    expect(path).toBe('M10 20 L15 22.3 L30 18 M40 40 L60.5 41');
  });

  it('keeps a tap as a dot and leaves out points that repeat or are not numbers', () => {
    expect(signaturePath([[{ x: 5, y: 5 }]])).toBe('M5 5 L5 5');
    expect(
      signaturePath([
        [
          { x: 1, y: 1 },
          { x: 1.01, y: 1 },
          { x: Number.NaN, y: 3 },
          { x: 2, y: 2 },
        ],
      ]),
    ).toBe('M1 1 L2 2');
  });

  it('is empty, and has no ink, when nothing was drawn', () => {
    expect(signaturePath([])).toBe('');
    expect(signaturePath([[]])).toBe('');
    expect(hasInk([[]])).toBe(false);
    expect(hasInk([[{ x: 0, y: 0 }]])).toBe(true);
  });

  it('is a path an SVG parser reads: only M, L and numbers', () => {
    const path = signaturePath([
      Array.from({ length: 50 }, (_, index) => ({ x: index * 3.33, y: 90 + Math.sin(index) * 40 })),
    ]);
    expect(path).toMatch(/^M-?\d+(\.\d)? -?\d+(\.\d)?( L-?\d+(\.\d)? -?\d+(\.\d)?)+$/);
  });
});

describe('toPadPoint: page pixels into the pad coordinates', () => {
  const box = { left: 100, top: 50, width: 240, height: 90 };
  const pad = { width: 480, height: 180 };

  it('scales by the size the page draws the pad at', () => {
    expect(toPadPoint({ x: 100, y: 50 }, box, pad)).toEqual({ x: 0, y: 0 });
    expect(toPadPoint({ x: 220, y: 95 }, box, pad)).toEqual({ x: 240, y: 90 });
    expect(toPadPoint({ x: 340, y: 140 }, box, pad)).toEqual({ x: 480, y: 180 });
  });

  it('keeps a pointer that slid off the pad on its edge', () => {
    expect(toPadPoint({ x: 0, y: 500 }, box, pad)).toEqual({ x: 0, y: 180 });
  });

  it('does not divide by zero for a pad not laid out yet', () => {
    expect(toPadPoint({ x: 110, y: 60 }, { left: 100, top: 50, width: 0, height: 0 }, pad)).toEqual({
      x: 10,
      y: 10,
    });
  });
});
