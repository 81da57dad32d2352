import type { Printed } from '../../engine/printing.js';
import type { OperatorText } from '../../engine/outcome.js';
import { bilingual } from '../ui-text.js';
import { askVoucher, busy, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import type { MenuDefinition } from './menu.js';

const PRINT = bilingual('打印', 'Print');
const REPRINT_LAST = bilingual('重打印上一笔', 'Reprint last slip');
const REPRINT_ANY = bilingual('重打印任意一笔', 'Reprint any slip');
const REPRINT_SETTLEMENT = bilingual('重打印结算单', 'Reprint settlement slip');
const DETAIL_LIST = bilingual('打印交易明细', 'Print detail list');
const PRINT_TOTALS = bilingual('打印交易汇总', 'Print totals');

async function printed(context: FlowContext, title: OperatorText, result: Printed): Promise<void> {
  const count = result.slips.length;
  const body = [
    { zh: `已打印 ${count} 张`, en: count === 1 ? 'Printed 1 slip' : `Printed ${count} slips` },
    ...(result.paperOut
      ? [bilingual('打印机缺纸：装纸后重打印', 'Printer out of paper: reprint after loading paper')]
      : []),
  ];
  await showMessage(context, { id: 'print.done', title, body, tone: result.paperOut ? 'warning' : 'ok' });
}

function printing(context: FlowContext, title: OperatorText): void {
  busy(context, 'print.printing', title, [bilingual('打印中', 'Printing')]);
}

async function reprintLastFlow(context: FlowContext): Promise<void> {
  printing(context, REPRINT_LAST);
  await printed(context, REPRINT_LAST, await context.terminal.reprintLast());
}

async function reprintAnyFlow(context: FlowContext): Promise<void> {
  const voucher = await askVoucher(context, 'print.voucher', REPRINT_ANY);
  printing(context, REPRINT_ANY);
  await printed(context, REPRINT_ANY, await context.terminal.reprint(voucher));
}

async function reprintSettlementFlow(context: FlowContext): Promise<void> {
  printing(context, REPRINT_SETTLEMENT);
  await printed(context, REPRINT_SETTLEMENT, await context.terminal.reprintSettlement());
}

async function detailListFlow(context: FlowContext): Promise<void> {
  printing(context, DETAIL_LIST);
  await printed(context, DETAIL_LIST, await context.terminal.printDetailList());
}

async function totalsFlow(context: FlowContext): Promise<void> {
  printing(context, PRINT_TOTALS);
  await printed(context, PRINT_TOTALS, await context.terminal.printTotals());
}

/** Menu 8: reprint last / any / settlement; detail list; totals. */
export const PRINT_MENU: MenuDefinition = {
  id: 'menu.print',
  title: PRINT,
  entries: [
    { label: REPRINT_LAST, run: reprintLastFlow },
    { label: REPRINT_ANY, run: reprintAnyFlow },
    { label: REPRINT_SETTLEMENT, run: reprintSettlementFlow },
    { label: DETAIL_LIST, run: detailListFlow },
    { label: PRINT_TOTALS, run: totalsFlow },
  ],
};
