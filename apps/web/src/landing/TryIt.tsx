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

/** A sale, its void and the settlement, as the supervisor (who may do all three). */
function steps(): Bilingual[] {
  const card = TEST_CARDS[0] as TestCard;
  return [
    {
      zh: `在上面打开终端 ${FIRST_TERMINAL}，按住红色「电源」键 3 秒开机。`,
      en: `Open terminal ${FIRST_TERMINAL} above and hold the red 电源 Power key for 3 s.`,
    },
    {
      zh: '以主管 00 登录，密码 123456；终端会先要求设置新的 6 位密码，请记住它。',
      en: 'Log in as supervisor 00, password 123456; the terminal first asks for a new 6-digit password — remember it.',
    },
    { zh: '按 9 管理 → 1 签到。', en: 'Press 9 Management → 1 Sign-in.' },
    {
      zh: `按 1 消费，输入金额 12.34 并确认；在卡片面板选择 ${card.pan} 插卡，顾客输入 PIN ${card.pin}。签购单上有凭证号。`,
      en: `Press 1 Sale, key 12.34 and Enter; pick card ${card.pan} in the card panel and insert it; the customer types PIN ${card.pin}. The slip shows its voucher number.`,
    },
    {
      zh: '按 2 撤销：输入主管新密码和签购单上的凭证号，确认后插同一张卡并输入 PIN。',
      en: 'Press 2 Void: your new supervisor password and the voucher number from the slip, confirm, then the same card and PIN.',
    },
    {
      zh: '按 9 管理 → 3 结算：结算单显示「对账平」。',
      en: 'Press 9 Management → 3 Settlement: the settlement slip says 对账平 balanced.',
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
        <table>
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

        <table>
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

        <table>
          <caption>
            <Bi zh="金额触发" en="Amount triggers" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi zh="金额尾数" en="Amount ends in" />
              </th>
              <th scope="col">
                <Bi zh="例如" en="E.g." />
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
                <td>{trigger.example}</td>
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
          zh={`任何卡输错 PIN → ${WRONG_PIN_CODE}。金额尾数按分计算（91.98 元 = 9198 分）。收银员 01 可以消费，撤销要主管密码，结算要主管登录。`}
          en={`A wrong PIN on any card → ${WRONG_PIN_CODE}. Amount endings count in fen (91.98 CNY = 9198). Cashier 01 can sell; a void needs the supervisor's password, settlement the supervisor.`}
          stacked
        />
      </p>
    </section>
  );
}
