import { EMV_TAGS, type TagSensitivity } from '@payterm/emv';
import type { Sensitivity, TagSpec } from '../spec/spec-types.js';

/** emv's sensitivity kinds in the codec's vocabulary: names and track discretionary data are hidden whole. */
const SENSITIVITY: Readonly<Record<TagSensitivity, Sensitivity>> = {
  pan: 'pan',
  track: 'track',
  name: 'secret',
  discretionary: 'secret',
};

/**
 * The field 55 tag dictionary of the shipped specs, built from @payterm/emv's EMV_TAGS (the one EMV
 * dictionary): names, and sensitivity for what describe() and JSON output mask. Plain data, so specs
 * stay JSON-serialisable.
 */
export const EMV_FIELD_55_TAGS: Readonly<Record<string, TagSpec>> = Object.fromEntries(
  Object.entries(EMV_TAGS).map(([tag, info]): [string, TagSpec] => [
    tag,
    info.sensitive === undefined
      ? { name: info.name }
      : { name: info.name, sensitive: SENSITIVITY[info.sensitive] },
  ]),
);
