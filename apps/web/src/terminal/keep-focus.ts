/**
 * For on-screen keys: a mouse click does not move the focus to the key. Otherwise the key clicked last
 * keeps the focus and the computer keyboard's Enter presses it again, instead of the device's Enter.
 * Keyboard users still reach the keys with Tab.
 */
export function keepFocus(event: { preventDefault(): void }): void {
  event.preventDefault();
}
