import type { ResponseCodeInfo } from './response-code-info.js';

type Row = readonly [
  code: string,
  en: string,
  zh: string,
  actionClass: ResponseCodeInfo['actionClass'],
  action: ResponseCodeInfo['action'],
];

/**
 * Field 39 codes of cup-pos-8583-reference.md §6 with the texts the terminal shows. Where the
 * reference gives no action class, the class and action here are PayTerm's choice (see README).
 */
const ROWS: readonly Row[] = [
  ['00', 'Approved', '交易成功', 'A', 'approved'],
  ['01', 'Refer to card issuer', '请联系发卡行', 'C', 'call-issuer'],
  ['02', 'Refer to card issuer, special condition', '查发卡方的特殊条件', 'C', 'call-issuer'],
  ['03', 'Invalid merchant', '无效商户', 'C', 'do-not-retry'],
  ['04', 'Pick-up card', '没收卡', 'D', 'retain-card'],
  ['05', 'Do not honour', '不予承兑', 'C', 'do-not-retry'],
  ['06', 'Error', '出错', 'E', 'system-fault'],
  ['07', 'Pick-up card, special condition', '特殊条件下没收卡', 'D', 'retain-card'],
  ['09', 'Request in progress', '请求正在处理中', 'B', 'retry'],
  ['12', 'Invalid transaction', '无效交易', 'C', 'do-not-retry'],
  ['13', 'Invalid amount', '无效金额', 'B', 'retry'],
  ['14', 'Invalid card number', '无效卡号', 'B', 'retry'],
  ['15', 'No such issuer', '无此发卡方', 'C', 'do-not-retry'],
  ['19', 'Re-enter transaction', '重新送入交易', 'C', 'do-not-retry'],
  ['20', 'Invalid response', '无效应答', 'C', 'do-not-retry'],
  ['21', 'No action taken', '不做任何处理', 'C', 'do-not-retry'],
  ['22', 'Suspected malfunction', '故障怀疑', 'C', 're-sign-in'],
  ['23', 'Unacceptable transaction fee', '不可接受的交易费', 'C', 'do-not-retry'],
  ['25', 'Unable to locate original transaction', '找不到原始交易', 'C', 'do-not-retry'],
  ['30', 'Format error', '格式错误', 'C', 'do-not-retry'],
  ['31', 'Bank not supported by switch', '交换中心不支持的银行', 'C', 'do-not-retry'],
  ['33', 'Expired card, pick up', '过期的卡', 'D', 'retain-card'],
  ['34', 'Suspected fraud, pick up', '有作弊嫌疑', 'D', 'retain-card'],
  ['38', 'PIN tries exceeded, pick up', '超过允许的PIN试输入', 'D', 'retain-card'],
  ['40', 'Function not supported', '请求的功能尚不支持', 'C', 'do-not-retry'],
  ['41', 'Lost card', '挂失卡', 'D', 'retain-card'],
  ['43', 'Stolen card', '被窃卡', 'D', 'retain-card'],
  ['45', 'Fallback not allowed, use chip', '请使用芯片卡', 'C', 'do-not-retry'],
  ['51', 'Insufficient funds', '余额不足', 'C', 'do-not-retry'],
  ['54', 'Expired card', '过期的卡', 'C', 'do-not-retry'],
  ['55', 'Incorrect PIN', '密码错', 'B', 'retry'],
  ['57', 'Transaction not permitted to cardholder', '不允许持卡人进行的交易', 'C', 'do-not-retry'],
  ['58', 'Transaction not permitted to terminal', '不允许终端进行的交易', 'C', 'do-not-retry'],
  ['59', 'Suspected fraud or card verification error', '卡片校验错', 'C', 'do-not-retry'],
  ['61', 'Exceeds amount limit', '超出金额限制', 'C', 'do-not-retry'],
  ['62', 'Restricted card', '受限制的卡', 'C', 'do-not-retry'],
  ['64', 'Original amount incorrect', '原始金额不正确', 'C', 'do-not-retry'],
  ['65', 'Exceeds frequency limit', '超出消费次数限制', 'C', 'do-not-retry'],
  ['68', 'Response received too late', '发卡行响应超时', 'B', 'retry'],
  ['75', 'PIN tries exceeded', '允许的输入PIN次数超限', 'C', 'do-not-retry'],
  ['77', 'POS batch differs from the centre, sign in again', '需要向网络中心签到', 'B', 're-sign-in'],
  ['79', 'Offline data unbalanced', '脱机交易对账不平', 'C', 'do-not-retry'],
  ['89', 'Security processing failed', '安全处理失败', 'E', 're-sign-in'],
  ['90', 'Cut-off in progress', '日期切换正在处理', 'B', 'retry'],
  ['91', 'Issuer or switch inoperative', '发卡方不能操作', 'B', 'retry'],
  ['92', 'Cannot route to the institution', '金融机构或中间网络设施找不到或无法达到', 'B', 'retry'],
  ['94', 'Duplicate transmission', '重复交易', 'B', 're-sign-in'],
  ['96', 'System malfunction', '系统异常、失效', 'E', 'system-fault'],
  ['97', 'Terminal not registered', 'POS终端号找不到', 'C', 'do-not-retry'],
  ['98', 'No answer from the issuer', '银联收不到发卡方应答', 'B', 'retry'],
  ['99', 'PIN format error', 'PIN格式错', 'C', 're-sign-in'],
  ['A0', 'MAC error', 'MAC校验错', 'C', 're-sign-in'],
];

export const RESPONSE_CODES: readonly ResponseCodeInfo[] = ROWS.map(
  ([code, en, zh, actionClass, action]): ResponseCodeInfo =>
    Object.freeze({
      code,
      en,
      zh,
      actionClass,
      action,
      resignIn: action === 're-sign-in',
      approved: action === 'approved',
      known: true,
    }),
);
