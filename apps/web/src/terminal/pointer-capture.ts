/**
 * Keeps the pointer's events on the element while it is down (a finger sliding off the key or out of
 * the signature pad). A pointer the browser does not know as active (a synthetic event) is refused
 * with an exception: the press works without the capture then.
 */
export function capturePointer(event: {
  readonly pointerId: number;
  readonly currentTarget: { setPointerCapture?(pointerId: number): void };
}): void {
  try {
    event.currentTarget.setPointerCapture?.(event.pointerId);
  } catch {
    // No capture for this pointer: its events still reach the element while it is over it.
  }
}
