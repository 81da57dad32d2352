import type { Language, Screen } from '@payterm/terminal';
import { batteryBars, batteryLabel, batteryState } from './battery.js';
import type { PowerState } from './device-controller.js';
import { statusEntries } from './screen-view.js';

interface StatusLineProps {
  readonly power: PowerState;
  readonly screen: Screen | null;
  readonly language: Language;
  readonly battery: number;
  readonly paperOut: boolean;
}

export function BatteryIcon({ level }: { readonly level: number }) {
  const bars = batteryBars(level);
  return (
    <span className={`battery battery-${batteryState(level)}`} role="img" aria-label={batteryLabel(level)}>
      {[0, 1, 2, 3].map((bar) => (
        <span key={bar} className={bar < bars ? 'bar on' : 'bar'} />
      ))}
    </span>
  );
}

const POWER_TEXTS: Readonly<Record<Exclude<PowerState, 'on'>, { zh: string; en: string }>> = {
  off: { zh: '关机', en: 'Off' },
  booting: { zh: '启动中', en: 'Starting' },
  stopping: { zh: '关机中', en: 'Switching off' },
  failed: { zh: '自检失败', en: 'Self-test failed' },
};

/**
 * What the operator must always see, above the display: TID, operator, signed in (batch) or not,
 * reversal pending, unknown outcome, offline, locked, settlement required; battery and paper.
 */
export function StatusLine({ power, screen, language, battery, paperOut }: StatusLineProps) {
  const entries = power === 'on' ? statusEntries(screen, language) : [];
  return (
    <div className="status-line" aria-label="状态栏 Status bar">
      <ul>
        {power !== 'on' && <li>{POWER_TEXTS[power][language]}</li>}
        {entries.map((entry) => (
          <li key={entry.key} className={entry.tone === undefined ? undefined : `tone-${entry.tone}`}>
            {entry.text}
          </li>
        ))}
        {paperOut && power === 'on' && (
          <li className="tone-warning">{language === 'zh' ? '打印机缺纸' : 'Printer: paper out'}</li>
        )}
      </ul>
      <BatteryIcon level={battery} />
    </div>
  );
}
