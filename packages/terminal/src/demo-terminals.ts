/**
 * The demo terminals of test-cards.md and their published test key: a demo TID gets its merchant and
 * this TMK on its first start (Node and browser alike), so it can sign in at once against `npm start`.
 */
export const DEMO_TERMINALS: Readonly<Record<string, { mid: string; merchantName: string }>> = {
  '10000001': { mid: '898310058120001', merchantName: 'PayTerm Demo Store' },
  '10000002': { mid: '898310058120001', merchantName: 'PayTerm Demo Store' },
};
export const DEMO_TMK_HEX = '0123456789ABCDEFFEDCBA9876543210';
export const DEMO_TMK_KCV = '08D7B4';
