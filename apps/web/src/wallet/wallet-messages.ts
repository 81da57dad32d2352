import type { Bilingual } from '../landing/try-it-data.js';
import { BAD_ANSWER, NETWORK_ERROR, NO_QR_FOUND, WalletApiError } from './wallet-api.js';

/** What each error code of the wallet API means to the person holding the phone, in both languages. */
const MESSAGES: Readonly<Record<string, Bilingual>> = {
  WALLET_PIN_WRONG: { zh: '钱包密码错误。', en: 'Wrong wallet PIN.' },
  WALLET_LOCKED: {
    zh: '密码错误次数过多，钱包今天已锁定。',
    en: 'Too many wrong PINs: the wallet is locked for today.',
  },
  WALLET_QR_INVALID: {
    zh: '二维码无效或已被篡改，未付款。',
    en: 'The QR code is invalid or was tampered with. Nothing was paid.',
  },
  WALLET_ORDER_UNKNOWN: {
    zh: '找不到这笔订单，请让商户重新生成二维码。',
    en: 'Unknown order: ask the merchant for a new code.',
  },
  WALLET_ORDER_EXPIRED: {
    zh: '订单已过期，请让商户重新生成二维码。',
    en: 'The order has expired: ask the merchant for a new code.',
  },
  WALLET_ORDER_CLOSED: {
    zh: '商户已关闭这笔订单，未付款。',
    en: 'The merchant closed this order. Nothing was paid.',
  },
  WALLET_ORDER_PAID: {
    zh: '这笔订单已经付过款，不会重复扣款。',
    en: 'This order is already paid. You were not charged again.',
  },
  WALLET_INSUFFICIENT_FUNDS: { zh: '钱包余额不足。', en: 'Not enough money in the wallet.' },
  [NO_QR_FOUND]: {
    zh: '图片中没有找到二维码，请换一张更清楚的图片。',
    en: 'No QR code was found in the picture: try a sharper one.',
  },
  [NETWORK_ERROR]: { zh: '无法连接主机，请稍后重试。', en: 'The host cannot be reached. Try again.' },
  [BAD_ANSWER]: { zh: '主机的应答无法识别。', en: 'The host gave an answer the wallet does not understand.' },
};

const SESSION_ENDED: Bilingual = {
  zh: '登录已过期，请重新登录。',
  en: 'Your session has ended: sign in again.',
};

/** The message for a failed call; a wrong PIN says how many tries are left. */
export function errorMessage(error: unknown): Bilingual {
  if (!(error instanceof WalletApiError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { zh: `出错了：${detail}`, en: `Something went wrong: ${detail}` };
  }
  if (error.code === 'WALLET_PIN_WRONG' && error.triesLeft !== undefined) {
    return {
      zh: `钱包密码错误，还可以再试 ${error.triesLeft} 次。`,
      en: `Wrong wallet PIN: ${error.triesLeft} ${error.triesLeft === 1 ? 'try' : 'tries'} left.`,
    };
  }
  const known = MESSAGES[error.code];
  if (known !== undefined) return known;
  if (error.httpStatus === 401) return SESSION_ENDED;
  return { zh: `请求失败（${error.code}）。`, en: `The request failed (${error.code}).` };
}

/** The status of an inspected order as words; only `waiting` can be paid. */
export const ORDER_STATUS: Readonly<Record<string, Bilingual>> = {
  waiting: { zh: '待支付', en: 'Waiting for payment' },
  paid: { zh: '已支付', en: 'Already paid' },
  closed: { zh: '已关闭', en: 'Closed' },
  expired: { zh: '已过期', en: 'Expired' },
};

export const HISTORY_KIND: Readonly<Record<string, Bilingual>> = {
  payment: { zh: '付款', en: 'Payment' },
  refund: { zh: '退款', en: 'Refund' },
  void: { zh: '撤销', en: 'Void' },
};
