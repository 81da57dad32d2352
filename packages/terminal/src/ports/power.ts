/** The battery as the device reports it. */
export interface PowerStatus {
  /** Charge, 0–100 %. */
  readonly level: number;
  /** On mains or charging: the level does not matter. */
  readonly charging: boolean;
}

/**
 * The device's battery (optional): a terminal without this port reports no level, and the upgrade treats
 * it as on mains (the Node and web shells run on the computer's power).
 */
export interface PowerPort {
  status(): Promise<PowerStatus>;
}
