/** The battery level the person testing sets: 0–100 %, in these steps. */
export const BATTERY_STEP = 5;
export const BATTERY_FULL = 100;
/** At or below this level the device warns (real terminals refuse to print below about 10 %). */
export const BATTERY_LOW = 15;

export type BatteryState = 'empty' | 'low' | 'ok';

/** A level as set on the slider, kept to whole steps between 0 and 100. */
export function clampBattery(level: number): number {
  if (!Number.isFinite(level)) return BATTERY_FULL;
  const stepped = Math.round(level / BATTERY_STEP) * BATTERY_STEP;
  return Math.min(BATTERY_FULL, Math.max(0, stepped));
}

export function batteryState(level: number): BatteryState {
  const clamped = clampBattery(level);
  if (clamped === 0) return 'empty';
  return clamped <= BATTERY_LOW ? 'low' : 'ok';
}

/** Bars of the battery icon: 0 to 4. */
export function batteryBars(level: number): number {
  const clamped = clampBattery(level);
  return clamped === 0 ? 0 : Math.min(4, Math.ceil(clamped / 25));
}

/** The icon's accessible name: `电量 60% Battery 60%`, with the state when it matters. */
export function batteryLabel(level: number): string {
  const clamped = clampBattery(level);
  const state = batteryState(clamped);
  const suffix = state === 'empty' ? '，电量耗尽 (empty)' : state === 'low' ? '，电量低 (low)' : '';
  return `电量 ${clamped}% Battery ${clamped}%${suffix}`;
}
