/**
 * What "interactive" means on a page, and the script that notices it. The probe runs in every page
 * before the page's own scripts (an init script) and records `performance.now()` — milliseconds since
 * navigation start — the first time each signal holds, checking after every DOM mutation and every
 * animation frame. The bench then reads the marks, so its own round trips to the browser do not
 * count.
 */

export type ReadySignal = 'power-key' | 'screen' | 'root-child';

/** The accessible name of the device's power key. */
export const POWER_KEY_NAME = '电源 Power';

export const SIGNAL_TEXT: Readonly<Record<ReadySignal, string>> = {
  'power-key': `the power key "${POWER_KEY_NAME}" (role button) visible and enabled`,
  screen: 'a [data-screen-id] element visible',
  'root-child': 'the first element under #root visible',
};

/** Why the device page was timed with a weaker signal than its power key. */
export const FALLBACK_TEXT: Readonly<Record<ReadySignal, string>> = {
  'power-key': '',
  screen: ' (fallback: the device page has no power key yet)',
  'root-child': ' (fallback: the device page has no power key and no [data-screen-id] yet)',
};

/** Where the probe keeps its marks in the page: `{ [signal]: ms since navigation start }`. */
export const MARKS_GLOBAL = '__paytermReadyMarks';

/** The probe: plain JavaScript, injected as a string (it runs in the page, not in Node). */
export const READINESS_PROBE = `(() => {
  const marks = {};
  window[${JSON.stringify(MARKS_GLOBAL)}] = marks;
  const giveUpMs = 60000;
  const text = (element) => (element.textContent || '').replace(/\\s+/g, ' ').trim();
  const nameOf = (element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      return labelledBy.split(/\\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ');
    }
    const label = element.getAttribute('aria-label');
    return label ? label.replace(/\\s+/g, ' ').trim() : text(element);
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    return element.checkVisibility ? element.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true }) : true;
  };
  const enabled = (element) =>
    !element.disabled &&
    element.getAttribute('aria-disabled') !== 'true' &&
    !element.closest('[inert], fieldset[disabled]');
  const any = (selector, test) => Array.prototype.some.call(document.querySelectorAll(selector), test);
  const checks = {
    'power-key': () =>
      any('button, [role="button"]', (element) => {
        const name = nameOf(element);
        return name.includes('电源') && /\\bpower\\b/i.test(name) && visible(element) && enabled(element);
      }),
    screen: () => any('[data-screen-id]', visible),
    'root-child': () => any('#root > *', visible),
  };
  const names = Object.keys(checks);
  let observer;
  const check = () => {
    const now = performance.now();
    for (const name of names) if (marks[name] === undefined && checks[name]()) marks[name] = now;
    const done = names.every((name) => marks[name] !== undefined) || now > giveUpMs;
    if (done && observer) observer.disconnect();
    return done;
  };
  const frame = () => {
    if (!check()) requestAnimationFrame(frame);
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  requestAnimationFrame(frame);
})();`;

/** An expression for the page: the mark of `signal`, or undefined while it has not held. */
export function markExpression(signal: ReadySignal): string {
  return `window[${JSON.stringify(MARKS_GLOBAL)}]?.[${JSON.stringify(signal)}]`;
}
