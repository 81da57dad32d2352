import { bilingual } from '../ui-text.js';
import { TEXTS, TRANSACTION_TITLES } from '../ui-texts.js';
import { balanceFlow, refundFlow, saleFlow, voidFlow } from './card-flows.js';
import { MANAGEMENT_MENU } from './management-flows.js';
import { runMenu, type MenuDefinition } from './menu.js';
import { PREAUTH_MENU } from './preauth-flows.js';
import { PRINT_MENU } from './print-flows.js';
import { QR_MENU } from './qr-flows.js';
import { QUERY_MENU } from './query-flows.js';

/** The main menu of product.md: keys 1–9. */
export const MAIN_MENU: MenuDefinition = {
  id: 'menu.main',
  title: bilingual('主菜单', 'Main menu'),
  main: true,
  entries: [
    { label: TRANSACTION_TITLES.sale, run: saleFlow },
    { label: TRANSACTION_TITLES.void, run: voidFlow },
    { label: TRANSACTION_TITLES.refund, run: refundFlow },
    { label: TRANSACTION_TITLES.preauth, run: (context) => runMenu(context, PREAUTH_MENU) },
    { label: TEXTS.qr, run: (context) => runMenu(context, QR_MENU) },
    { label: TRANSACTION_TITLES.balance, run: balanceFlow },
    { label: QUERY_MENU.title, run: (context) => runMenu(context, QUERY_MENU) },
    { label: PRINT_MENU.title, run: (context) => runMenu(context, PRINT_MENU) },
    { label: MANAGEMENT_MENU.title, run: (context) => runMenu(context, MANAGEMENT_MENU) },
  ],
};
