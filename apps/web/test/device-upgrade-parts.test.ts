import { FACTORY_APPLICATION } from '@payterm/terminal';
import { describe, expect, it } from 'vitest';
// The bar the device UI draws: the display must read what it writes.
import { progressBar } from '../../../packages/terminal/src/ui/flows/software-flows.js';
import { progressOf } from '../src/terminal/progress-line.js';
import { isNoteworthy } from '../src/terminal/self-test.js';
import { rollbackNotice, versionDetail } from '../src/terminal/software-boot.js';

describe('the download progress bar on the web display', () => {
  it('finds the bar the device UI draws in text, alone or after a label', () => {
    expect(progressOf(progressBar(0, 100))).toEqual({ before: '', percent: 0, after: '' });
    expect(progressOf(progressBar(0, 0))).toEqual({ before: '', percent: 0, after: '' });
    expect(progressOf(progressBar(1, 4))).toEqual({ before: '', percent: 25, after: '' });
    expect(progressOf(progressBar(9, 9))).toEqual({ before: '', percent: 100, after: '' });
    expect(progressOf(`Download 0.2.0 ${progressBar(3, 10, 10)}`)).toEqual({
      before: 'Download 0.2.0 ',
      percent: 30,
      after: '',
    });
  });

  it('leaves other lines alone', () => {
    expect(progressOf('120 / 480 bytes')).toBeUndefined();
    expect(progressOf('[abc] 12 %')).toBeUndefined();
    expect(progressOf('Running 0.1.0 (factory)')).toBeUndefined();
  });
});

describe('the boot screen’s software line', () => {
  const loaded = { application: FACTORY_APPLICATION, rolledBack: [] } as const;

  it('names the version and where it runs from', () => {
    expect(versionDetail({ ...loaded, version: '0.1.0', target: 'factory', trial: false })).toEqual({
      zh: '0.1.0（出厂）',
      en: '0.1.0 (factory)',
    });
    expect(versionDetail({ ...loaded, version: '0.2.0', target: 'A', trial: true }).en).toBe(
      '0.2.0 (slot A, trial)',
    );
  });

  it('says which version was rolled back on the way, and why', () => {
    const rolledBack = [
      { version: '0.3.0', code: 'UPGRADE_SELF_TEST_FAILED', reason: 'Version 0.3.0 did not start: x' },
    ];
    expect(versionDetail({ ...loaded, version: '0.2.0', target: 'B', trial: false, rolledBack }).en).toBe(
      '0.2.0 (slot B); 0.3.0 rolled back: Version 0.3.0 did not start: x',
    );
    expect(rollbackNotice(rolledBack, '0.2.0')).toEqual({
      zh: '版本 0.3.0 已回退：Version 0.3.0 did not start: x。现运行 0.2.0',
      en: 'Version 0.3.0 was rolled back: Version 0.3.0 did not start: x. Running 0.2.0',
    });
  });

  it('keeps an upgrade self-test on the screen a moment, passed or failed', () => {
    const detail = { zh: '', en: '' };
    expect(isNoteworthy([{ check: 'software', state: 'ok', detail }])).toBe(false);
    expect(isNoteworthy([{ check: 'upgrade', state: 'ok', detail }])).toBe(true);
    expect(isNoteworthy([{ check: 'software', state: 'failed', detail }])).toBe(true);
  });
});
