/**
 * The published demo data a new user needs to try the terminal (shared/spec/test-cards.md): the demo
 * operators with their default passwords, a few test cards and the amount triggers. Test data only.
 */

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface DemoOperator {
  readonly number: string;
  readonly role: Bilingual;
  readonly defaultPassword: string;
  readonly newPasswordRule: Bilingual;
}

export const DEMO_OPERATORS: readonly DemoOperator[] = [
  {
    number: '00',
    role: { zh: '主管', en: 'supervisor' },
    defaultPassword: '123456',
    newPasswordRule: { zh: '6 位', en: '6 digits' },
  },
  {
    number: '01',
    role: { zh: '收银员', en: 'cashier' },
    defaultPassword: '0000',
    newPasswordRule: { zh: '4–6 位', en: '4–6 digits' },
  },
  {
    number: '99',
    role: { zh: '系统管理员', en: 'administrator' },
    defaultPassword: '12345678',
    newPasswordRule: { zh: '8 位', en: '8 digits' },
  },
];

export interface TestCard {
  readonly pan: string;
  readonly brand: string;
  readonly pin: string;
  readonly behaviour: Bilingual;
}

export const TEST_CARDS: readonly TestCard[] = [
  {
    pan: '6200001000000011',
    brand: 'UnionPay',
    pin: '123456',
    behaviour: { zh: '借记卡，批准', en: 'debit, approved' },
  },
  {
    pan: '6200001000000029',
    brand: 'UnionPay',
    pin: '123456',
    behaviour: { zh: '贷记卡，批准', en: 'credit, approved' },
  },
  {
    pan: '6200001000000037',
    brand: 'UnionPay',
    pin: '123456',
    behaviour: { zh: '余额 10.00，超出 → 51', en: 'balance 10.00: above it → 51' },
  },
  {
    pan: '6200001000000045',
    brand: 'UnionPay',
    pin: '123456',
    behaviour: { zh: '挂失卡 → 41', en: 'lost card → 41' },
  },
  {
    pan: '6200001000000094',
    brand: 'UnionPay',
    pin: '123456',
    behaviour: { zh: '挥卡 ≤ 1,000.00 免密', en: 'tap ≤ 1,000.00 without PIN' },
  },
  {
    pan: '4000001000000018',
    brand: 'Visa',
    pin: '1234',
    behaviour: { zh: '外卡，批准', en: 'foreign, approved' },
  },
];

/** Wrong PIN on any card. */
export const WRONG_PIN_CODE = '55';

export interface AmountTrigger {
  /** The last four digits of the amount in minor units (fen): 1.00 CNY is 100. */
  readonly endsWith: string;
  /** What the display shows when just these digits are keyed (digits fill the fen from the right). */
  readonly shows: string;
  readonly outcome: Bilingual;
}

export const AMOUNT_TRIGGERS: readonly AmountTrigger[] = [
  { endsWith: '9196', shows: '91.96', outcome: { zh: '发卡行应答 96', en: 'issuer answers 96' } },
  { endsWith: '9191', shows: '91.91', outcome: { zh: '发卡行不可用 → 91', en: 'issuer unavailable → 91' } },
  {
    endsWith: '9198',
    shows: '91.98',
    outcome: {
      zh: '主机批准但不应答：终端超时后冲正',
      en: 'approved, no answer: the terminal times out and reverses',
    },
  },
  {
    endsWith: '9168',
    shows: '91.68',
    outcome: { zh: '40 秒后才应答（终端 30 秒超时）', en: 'answer after 40 s (terminal timeout 30 s)' },
  },
  { endsWith: '9194', shows: '91.94', outcome: { zh: '重复应答', en: 'answered twice' } },
];
