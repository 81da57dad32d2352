import {
  DEFAULT_OPERATORS,
  DEMO_TERMINALS,
  type Language,
  type Role,
  type Screen,
  type StatusItem,
  type StatusTone,
} from '@payterm/terminal';

/** The customer-facing device a screen calls for: card reader, PIN pad or signature pad. */
export type CustomerDevice = 'card' | 'pin' | 'signature';

const CUSTOMER_SCREENS: Readonly<Record<string, CustomerDevice>> = {
  'customer.card': 'card',
  'customer.entry': 'card',
  'customer.pin': 'pin',
  'customer.signature': 'signature',
};

export function customerDevice(screen: Screen | null): CustomerDevice | undefined {
  return screen === null ? undefined : CUSTOMER_SCREENS[screen.id];
}

/** The card panel's swipe / insert / tap buttons work while the screen asks for a card. */
export function acceptsCard(screen: Screen | null): boolean {
  return customerDevice(screen) === 'card';
}

export const ROLE_NAMES: Readonly<Record<Role, Readonly<Record<Language, string>>>> = {
  administrator: { zh: '系统管理员', en: 'administrator' },
  supervisor: { zh: '主管', en: 'supervisor' },
  cashier: { zh: '收银员', en: 'cashier' },
};

const DEFAULT_ROLES: Readonly<Record<string, Role>> = {
  '99': 'administrator',
  '00': 'supervisor',
};

export interface DemoOperator {
  readonly number: string;
  readonly role: Role;
  readonly password: string;
}

const ROLE_ORDER: Readonly<Record<Role, number>> = { cashier: 0, supervisor: 1, administrator: 2 };

/** The published demo operators (test-cards.md), cashier first: whom a new user logs in as. */
export function demoOperators(): DemoOperator[] {
  return DEFAULT_OPERATORS.map((operator) => ({
    number: operator.number,
    role: DEFAULT_ROLES[operator.number] ?? 'cashier',
    password: operator.password,
  })).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

const LOGIN_SCREENS: ReadonlySet<string> = new Set(['login.operator', 'login.password']);

/** The demo operators are shown while a demo terminal asks who logs in (not on the password change). */
export function showsDemoOperators(screen: Screen | null, tid: string): boolean {
  return screen !== null && LOGIN_SCREENS.has(screen.id) && DEMO_TERMINALS[tid] !== undefined;
}

/** One entry of the status line. */
export interface StatusEntry {
  readonly key: string;
  readonly text: string;
  readonly tone?: StatusTone;
}

function operatorText(screen: Screen, language: Language): string {
  const operator = screen.status?.operator ?? null;
  const word = language === 'zh' ? '操作员' : 'Operator';
  if (operator === null) return language === 'zh' ? '未登录' : 'Not logged in';
  return `${word} ${operator.number} ${ROLE_NAMES[operator.role][language]}`;
}

function itemEntry(item: StatusItem, index: number, language: Language): StatusEntry {
  return { key: `${item.kind}-${index}`, text: item[language], tone: item.tone };
}

/**
 * The status line: TID, operator, then every state product.md says the operator must always see (not
 * signed in or the batch, reversal pending, unknown outcome, offline, locked, settlement required).
 */
export function statusEntries(screen: Screen | null, language: Language): StatusEntry[] {
  if (screen === null || screen.status === null) return [];
  const status = screen.status;
  return [
    { key: 'tid', text: `TID ${status.tid}` },
    { key: 'operator', text: operatorText(screen, language) },
    ...status.items.map((item, index) => itemEntry(item, index, language)),
  ];
}

/** A title as bilingual terminals show it: `消费 Sale`, once when both languages read the same. */
export function bothTexts(text: { readonly zh: string; readonly en: string }): string {
  return text.zh === text.en ? text.zh : `${text.zh} ${text.en}`;
}

/** The PIN pad shows one dot per digit typed (the screen's input value is `*` per digit). */
export function pinDots(screen: Screen | null): number {
  if (customerDevice(screen) !== 'pin') return 0;
  return screen?.input?.value.length ?? 0;
}

/** Screens whose body is a list of facts, drawn as a named list: `upgrade.version` (menu 9 → 9 → 1). */
export const LIST_SCREENS: Readonly<Record<string, string>> = {
  'upgrade.version': '版本信息 Version details',
};
