import { useSyncExternalStore } from 'react';
import type { DeviceController, DeviceSnapshot } from './device-controller.js';

/** The controller's snapshot, re-rendered on each change. */
export function useDevice(controller: DeviceController): DeviceSnapshot {
  return useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.snapshot,
  );
}
