import { Bi } from './Bi.js';
import {
  AMOUNT_TRIGGERS,
  DEMO_OPERATORS,
  TEST_CARDS,
  WRONG_PIN_CODE,
  type Bilingual,
  type TestCard,
} from './try-it-data.js';

const FIRST_TERMINAL = '10000001';

/** As the device's card panel names a card: first 6, last 4 (product.md's slip masking). */
function masked(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/**
 * A sale, its void and the settlement as the supervisor, who may do all three: one password change
 * instead of two (a cashier's void still needs the supervisor's changed password).
 */
function steps(): Bilingual[] {
  const card = TEST_CARDS[0] as TestCard;
  const cardName = `${masked(card.pan)} ${card.brand}`;
  return [
    {
      zh: `在上面打开终端 ${FIRST_TERMINAL}，按住红色「电源」键 3 秒开机；自检后显示登录。`,
      en: `Open terminal ${FIRST_TERMINAL} above and hold the red 电源 Power key for 3 s; after its self-test it asks for the operator.`,
    },
    {
      zh: '输入操作员 00，确认；密码 123456，确认；再输入两次新的 6 位密码（请记住它）。',
      en: 'Key operator 00, Enter; password 123456, Enter; then a new 6-digit password twice (remember it).',
    },
    {
      zh: '按 9 管理 → 1 签到；看到「签到成功」后按确认、取消，回到主菜单。',
      en: 'Press 9 Management → 1 Sign-in; at "Signed in" press Enter, then Cancel back to the main menu.',
    },
    {
      zh: `按 1 消费，输入 1234（显示 12.34），确认；在卡片面板选 ${cardName}，点「插卡」；顾客在密码键盘输入 ${card.pin} 并确认。签购单从打印机出来，上有凭证号。`,
      en: `Press 1 Sale, key 1234 (shows 12.34), Enter; in the card panel pick ${cardName} and press 插卡 Insert; the customer types ${card.pin} on the PIN pad and confirms. The slip comes out of the printer with its voucher number.`,
    },
    {
      zh: '按 2 撤销：主管新密码，确认；签购单上的凭证号 VOUCHER NO.，确认；核对后确认，再插同一张卡、输入 PIN。',
      en: 'Press 2 Void: your new supervisor password, Enter; the 凭证号 VOUCHER NO. from the slip, Enter; check it, Enter; then the same card and PIN.',
    },
    {
      zh: '按 9 管理 → 3 结算，确认：结算单显示「对账平」。',
      en: 'Press 9 Management → 3 Settlement, Enter: the settlement slip says 对账平 balanced.',
    },
  ];
}

/** Sale, void and settlement step by step, with the published demo operators, cards and triggers. */
export function TryIt() {
  return (
    <section className="panel wide" aria-labelledby="try-heading">
      <h2 id="try-heading">
        <Bi zh="试一试" en="How to try it" />
      </h2>
      <ol className="steps">
        {steps().map((step) => (
          <li key={step.en}>
            <Bi {...step} stacked />
          </li>
        ))}
      </ol>

      <div className="tables">
        <table className="operators">
          <caption>
            <Bi zh="演示操作员" en="Demo operators" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi zh="操作员" en="Operator" />
              </th>
              <th scope="col">
                <Bi zh="默认密码" en="Default password" />
              </th>
              <th scope="col">
                <Bi zh="新密码" en="New password" />
              </th>
            </tr>
          </thead>
          <tbody>
            {DEMO_OPERATORS.map((operator) => (
              <tr key={operator.number}>
                <th scope="row">
                  {operator.number} <Bi {...operator.role} />
                </th>
                <td>
                  <code>{operator.defaultPassword}</code>
                </td>
                <td>
                  <Bi {...operator.newPasswordRule} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <table className="cards">
          <caption>
            <Bi zh="测试卡" en="Test cards" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi zh="卡号" en="Card" />
              </th>
              <th scope="col">PIN</th>
              <th scope="col">
                <Bi zh="结果" en="Outcome" />
              </th>
            </tr>
          </thead>
          <tbody>
            {TEST_CARDS.map((card) => (
              <tr key={card.pan}>
                <th scope="row">
                  <code>{card.pan}</code> <span className="brand">{card.brand}</span>
                </th>
                <td>
                  <code>{card.pin}</code>
                </td>
                <td>
                  <Bi {...card.behaviour} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <table className="triggers">
          <caption>
            <Bi zh="金额触发" en="Amount triggers" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi zh="金额尾数" en="Amount ends in" />
              </th>
              <th scope="col">
                <Bi zh="键入" en="Key in" />
              </th>
              <th scope="col">
                <Bi zh="结果" en="Outcome" />
              </th>
            </tr>
          </thead>
          <tbody>
            {AMOUNT_TRIGGERS.map((trigger) => (
              <tr key={trigger.endsWith}>
                <th scope="row">
                  <code>{trigger.endsWith}</code>
                </th>
                <td>
                  <code>{trigger.endsWith}</code> ({trigger.shows})
                </td>
                <td>
                  <Bi {...trigger.outcome} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="note">
        <Bi
          zh={`金额按分键入，数字从右边填入：键入 9198 即 91.98 元。任何卡输错 PIN → ${WRONG_PIN_CODE}。收银员 01 可以消费，撤销要主管密码，结算要主管登录。电脑键盘也能用：数字、Enter 确认、Esc 取消。`}
          en={`Amounts are keyed in fen, filling from the right: 9198 is 91.98 CNY. A wrong PIN on any card → ${WRONG_PIN_CODE}. Cashier 01 can sell; a void needs the supervisor's password, settlement the supervisor. Your keyboard works too: digits, Enter, Esc = Cancel.`}
          stacked
        />
      </p>
    </section>
  );
}
