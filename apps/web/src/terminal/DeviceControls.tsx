import type { Language } from '@payterm/terminal';
import { BATTERY_STEP } from './battery.js';

interface LanguageSwitchProps {
  readonly language: Language;
  readonly onChange: (language: Language) => void;
}

/** 中文 / English: the display language (the device's language event). */
export function LanguageSwitch({ language, onChange }: LanguageSwitchProps) {
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">语言 Language</legend>
      {(['zh', 'en'] as const).map((option) => (
        <label key={option}>
          <input
            type="radio"
            name="language"
            value={option}
            checked={language === option}
            onChange={() => onChange(option)}
          />
          <span>{option === 'zh' ? '中文' : 'English'}</span>
        </label>
      ))}
    </fieldset>
  );
}

interface BatteryControlProps {
  readonly level: number;
  readonly onChange: (level: number) => void;
}

/** The battery level the person testing sets: at 0 % the device goes off and will not start. */
export function BatteryControl({ level, onChange }: BatteryControlProps) {
  return (
    <label className="battery-control">
      <span>电量 Battery</span>
      <input
        type="range"
        min={0}
        max={100}
        step={BATTERY_STEP}
        value={level}
        aria-label="电量 Battery"
        aria-valuetext={`${level}%`}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      />
      <output>{level}%</output>
    </label>
  );
}

interface ChargerControlProps {
  readonly charging: boolean;
  readonly onChange: (charging: boolean) => void;
}

/** On the charger: an upgrade goes ahead at any battery level (docs/TMS.md §3.2). */
export function ChargerControl({ charging, onChange }: ChargerControlProps) {
  return (
    <label className="switch charger-control">
      <input
        type="checkbox"
        role="switch"
        checked={charging}
        aria-checked={charging}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span>充电器 Charger</span>
    </label>
  );
}
