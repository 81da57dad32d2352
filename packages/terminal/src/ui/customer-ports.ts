import { maskPan } from '@payterm/kernel';
import { hasChip, type TestCard } from '../cards/test-cards.js';
import type { CardPick, CardPicker } from '../cards/test-card-reader.js';
import type { OperatorText } from '../engine/outcome.js';
import type { CardEntry, CardRequest } from '../ports/card-reader.js';
import type { PinRequest } from '../ports/pin-pad.js';
import type { PrintOutcome, Printer, Slip } from '../ports/printer.js';
import type { SignaturePad, SignatureRequest } from '../ports/signature-pad.js';
import type { PinSource, PinSourceAnswer } from '../security/software-pin-pad.js';
import { amountText } from './amount-text.js';
import type { PromptAnswer, PromptSpec } from './prompt.js';
import type { ScreenController } from './screen-controller.js';
import type { DigitKey } from './ui-event.js';
import { TEXTS, TRANSACTION_TITLES } from './ui-texts.js';
import { bilingual, labelled, type UiText } from './ui-text.js';

/** What the keypad's Enter on the signature screen stores: a stroke, so the slip says "signed". */
export const KEYPAD_SIGNATURE = 'M4 24 C20 4 36 44 52 24 S84 4 100 24';

const ENTRY_KEYS: readonly {
  readonly key: DigitKey;
  readonly entry: CardEntry;
  readonly label: OperatorText;
}[] = [
  { key: '1', entry: 'swipe', label: bilingual('刷卡', 'Swipe') },
  { key: '2', entry: 'insert', label: bilingual('插卡', 'Insert') },
  { key: '3', entry: 'tap', label: bilingual('挥卡', 'Tap') },
];

const PRESENT_CARD = bilingual('请刷卡/插卡/挥卡', 'Swipe / insert / tap card');
const ENTER_PIN = bilingual('请持卡人输入密码', 'Cardholder: enter PIN');
const SIGN = bilingual('请持卡人签名', 'Cardholder signature');

/** Asks, and turns "the UI is closed" into a cancellation: the terminal then ends the transaction. */
async function askCustomer(screens: ScreenController, spec: PromptSpec): Promise<PromptAnswer> {
  try {
    return await screens.ask({ ...spec, customer: true });
  } catch {
    return { type: 'cancel', home: false };
  }
}

function amountLine(request: { readonly amount?: CardRequest['amount'] }): UiText[] {
  return request.amount === undefined ? [] : [labelled(TEXTS.amount, amountText(request.amount))];
}

function cardLine(card: TestCard, index: number): string {
  return `${index + 1} ${card.brand} ${card.type} ${maskPan(card.pan)} ${card.behaviour}`;
}

/** The card panel: pick a test card by number (or arrows), then how it is presented. */
export function screenCardPicker(screens: ScreenController, cards: readonly TestCard[]): CardPicker {
  return async (request: CardRequest): Promise<CardPick> => {
    const title = TRANSACTION_TITLES[request.purpose];
    for (;;) {
      const chosen = await askCustomer(screens, {
        kind: 'list',
        id: 'customer.card',
        title: PRESENT_CARD,
        header: [title, ...amountLine(request)],
        lines: cards.map(cardLine),
        numbered: true,
        acceptsCard: true,
      });
      if (chosen.type === 'card') return { pan: chosen.pan, entry: chosen.entry };
      if (chosen.type !== 'value') return 'cancel';
      const card = cards[Number(chosen.value)];
      if (card === undefined) continue;
      const entries = ENTRY_KEYS.filter(
        ({ entry }) => request.allowed.includes(entry) && (entry === 'swipe' || hasChip(card)),
      );
      const how = await askCustomer(screens, {
        kind: 'keys',
        id: 'customer.entry',
        title: PRESENT_CARD,
        body: [
          title,
          ...amountLine(request),
          maskPan(card.pan),
          ...entries.map((entry) => labelled(entry.label, entry.key)),
        ],
        keys: entries.map((entry) => entry.key),
        acceptsCard: true,
      });
      if (how.type === 'card') return { pan: how.pan, entry: how.entry };
      const entry = how.type === 'value' ? entries.find((option) => option.key === how.value) : undefined;
      if (entry !== undefined) return { pan: card.pan, entry: entry.entry };
    }
  };
}

function pinError(value: string, request: PinRequest): UiText | undefined {
  if (value === '') {
    return request.bypassAllowed ? undefined : bilingual('此卡需要输入密码', 'This card needs a PIN');
  }
  return value.length < 4 ? bilingual('密码为4到12位数字', 'A PIN is 4 to 12 digits') : undefined;
}

/** The customer's PIN entry: shown as `*`; Enter with no digits bypasses when the card allows it. */
export function screenPinSource(screens: ScreenController): PinSource {
  return async (request: PinRequest): Promise<PinSourceAnswer> => {
    const answer = await askCustomer(screens, {
      kind: 'input',
      id: 'customer.pin',
      title: ENTER_PIN,
      body: [...amountLine(request), request.maskedPan],
      label: bilingual('密码', 'PIN'),
      input: 'pin',
      maxLength: 12,
      validate: (value) => pinError(value, request),
      ...(request.bypassAllowed
        ? {
            hint: bilingual(
              '输入密码后确认 · 无密码直接确认（签名）· 取消',
              'PIN + Enter · Enter alone: sign instead · Cancel',
            ),
          }
        : {}),
    });
    if (answer.type !== 'value') return 'cancel';
    return answer.value === '' ? 'bypass' : answer.value;
  };
}

/** The cardholder signs on screen (a signature event) or confirms with Enter; Cancel leaves it unsigned. */
export function screenSignaturePad(screens: ScreenController): SignaturePad {
  return {
    async capture(request: SignatureRequest): Promise<string | undefined> {
      const answer = await askCustomer(screens, {
        kind: 'confirm',
        id: 'customer.signature',
        title: SIGN,
        body: [
          labelled(TEXTS.amount, amountText(request.amount)),
          request.maskedPan,
          bilingual('请在屏幕上签名后按确认', 'Sign on the screen, then press Enter'),
        ],
        acceptsSignature: true,
      });
      if (answer.type === 'signature') return answer.data;
      return answer.type === 'value' ? KEYPAD_SIGNATURE : undefined;
    },
  };
}

/** Prints on the real printer behind it (if any) and shows every slip on the screen. */
export class ScreenPrinter implements Printer {
  constructor(
    private readonly screens: ScreenController,
    private readonly inner?: Printer,
  ) {}

  async print(slip: Slip): Promise<PrintOutcome> {
    const outcome = this.inner === undefined ? 'printed' : await this.inner.print(slip);
    this.screens.showSlip(slip, outcome === 'paper-out');
    return outcome;
  }
}
