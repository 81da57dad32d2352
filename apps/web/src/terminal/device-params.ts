import { DEMO_TERMINALS, type Language, type ProfileInput } from '@payterm/terminal';

/** The terminal the page opens when the address names none. */
export const DEFAULT_TID = '10000001';

export type DeviceParams =
  | {
      readonly ok: true;
      readonly tid: string;
      /** The profile of the terminal's first start (later starts keep the stored one). */
      readonly provision: ProfileInput;
      readonly demo: boolean;
      /** `power=on`: boot at once instead of waiting for the power key. */
      readonly powerOn: boolean;
      readonly language: Language;
    }
  | { readonly ok: false; readonly tid: string; readonly reason: { zh: string; en: string } };

const TID = /^[0-9A-Za-z]{8}$/;
const MID = /^[0-9A-Za-z]{15}$/;

/**
 * What the page's address asks for: `/terminal?tid=10000001`, optionally `&mid=…` (15 characters) for
 * a terminal that is not one of the demo TIDs, `&lang=en`, `&power=on`.
 */
export function deviceParams(search: string): DeviceParams {
  const query = new URLSearchParams(search);
  const tid = query.get('tid') ?? DEFAULT_TID;
  if (!TID.test(tid)) {
    return {
      ok: false,
      tid,
      reason: { zh: '终端号须为8位字母或数字', en: 'A terminal ID (TID) is 8 letters or digits' },
    };
  }
  const demo = DEMO_TERMINALS[tid];
  const mid = query.get('mid') ?? demo?.mid;
  if (mid === undefined || !MID.test(mid)) {
    return {
      ok: false,
      tid,
      reason: {
        zh: `终端 ${tid} 不是演示终端：请在地址中加上商户号 mid（15位）`,
        en: `${tid} is not a demo terminal: add its merchant ID to the address (mid=, 15 characters)`,
      },
    };
  }
  const merchantName = demo?.merchantName;
  return {
    ok: true,
    tid,
    provision: { tid, mid, ...(merchantName === undefined ? {} : { merchantName }), demo: false },
    demo: demo !== undefined,
    powerOn: query.get('power') === 'on',
    language: query.get('lang') === 'en' ? 'en' : 'zh',
  };
}

/** The host's ISO 8583 WebSocket channel on the page's own origin. */
export function hostSocketUrl(location: { readonly protocol: string; readonly host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/iso8583`;
}
