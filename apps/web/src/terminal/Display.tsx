import type { Language, Screen } from '@payterm/terminal';
import type { PowerState } from './device-controller.js';
import { ScreenQrCode } from './ScreenQrCode.js';
import { progressOf } from './progress-line.js';
import { CHECK_NAMES, type SelfTestStep } from './self-test.js';
import { demoOperators, LIST_SCREENS, ROLE_NAMES, showsDemoOperators } from './screen-view.js';

interface DisplayProps {
  readonly power: PowerState;
  readonly screen: Screen | null;
  readonly steps: readonly SelfTestStep[];
  readonly failure: { readonly zh: string; readonly en: string } | undefined;
  /** A version was rolled back: the boot screen says why until Enter. */
  readonly bootNotice: { readonly zh: string; readonly en: string } | undefined;
  readonly language: Language;
  readonly tid: string;
}

const STEP_MARKS = { running: '…', ok: '✓', warning: '!', failed: '✗' } as const;

function Title({ text }: { readonly text: { readonly zh: string; readonly en: string } }) {
  return (
    <h2 className="display-title">
      <span lang="zh-CN">{text.zh}</span>
      {text.en !== text.zh && <span lang="en">{text.en}</span>}
    </h2>
  );
}

function BootView({ power, steps, failure, bootNotice, language }: Omit<DisplayProps, 'screen' | 'tid'>) {
  const title =
    power === 'stopping'
      ? { zh: '关机中', en: 'Switching off' }
      : power === 'failed'
        ? { zh: '自检失败', en: 'Self-test failed' }
        : { zh: '开机自检', en: 'Power-on self-test' };
  return (
    <>
      <p className="display-brand">PayTerm POS</p>
      <Title text={title} />
      <ul className="self-test">
        {steps.map((step) => (
          <li key={step.check} className={`self-test-${step.state}`}>
            <span className="self-test-mark" aria-hidden="true">
              {STEP_MARKS[step.state]}
            </span>
            <span>
              {CHECK_NAMES[step.check][language]}：{step.detail[language]}
            </span>
          </li>
        ))}
      </ul>
      {bootNotice !== undefined && (
        <p className="notice tone-warning" role="alert">
          {bootNotice[language]}
          <br />
          {language === 'zh' ? '按确认键继续' : 'Press Enter to continue'}
        </p>
      )}
      {failure !== undefined && (
        <p className="notice tone-alert">
          {failure[language]}
          <br />
          {language === 'zh' ? '长按电源键关机后重试' : 'Hold the power key to switch off, then try again'}
        </p>
      )}
    </>
  );
}

function DemoOperators({ language }: { readonly language: Language }) {
  return (
    <div className="demo-operators">
      <p>
        {language === 'zh'
          ? '演示操作员（首次登录须改密码）'
          : 'Demo operators (change the password at first login)'}
      </p>
      <ul>
        {demoOperators().map((operator) => (
          <li key={operator.number}>
            {operator.number} {ROLE_NAMES[operator.role][language]} · {operator.password}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A text progress bar drawn as a bar: role progressbar `进度 Progress`, its percentage as text too. */
function BodyLine({ line }: { readonly line: string }) {
  const progress = progressOf(line);
  if (progress === undefined) return <>{line}</>;
  return (
    <>
      {progress.before}
      <span
        className="progress"
        role="progressbar"
        aria-label="进度 Progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.percent} %`}
      >
        <span className="progress-fill" style={{ width: `${progress.percent}%` }} />
      </span>{' '}
      {progress.percent} %{progress.after}
    </>
  );
}

function ScreenBody({ screen }: { readonly screen: Screen }) {
  const listName = LIST_SCREENS[screen.id];
  if (listName !== undefined) {
    return (
      <ul className="display-body display-facts" aria-label={listName}>
        {screen.body.map((line, index) => (
          <li key={index}>
            <BodyLine line={line} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="display-body">
      {screen.body.map((line, index) => (
        <p key={index} className={index === screen.highlight ? 'selected' : undefined}>
          <BodyLine line={line} />
        </p>
      ))}
    </div>
  );
}

function ScreenView({ screen, tid }: { readonly screen: Screen; readonly tid: string }) {
  const language = screen.language;
  return (
    <>
      <Title text={screen.title} />
      <ScreenBody screen={screen} />
      {screen.qr !== undefined && <ScreenQrCode qr={screen.qr} />}
      {screen.menu !== undefined && (
        <ol className="display-menu">
          {screen.menu.map((item, index) => (
            <li
              key={item.key}
              className={index === screen.selected ? 'selected' : undefined}
              aria-current={index === screen.selected ? 'true' : undefined}
            >
              <span className="menu-key">{item.key}</span> {item.zh}
              {item.en !== item.zh && <span className="menu-en"> {item.en}</span>}
            </li>
          ))}
        </ol>
      )}
      {screen.input !== undefined && (
        <p className={`display-input input-${screen.input.kind}`}>
          <span className="input-label">{screen.input.label}</span>
          <span className="input-value">
            {screen.input.value}
            <span className="cursor" aria-hidden="true" />
          </span>
        </p>
      )}
      {screen.notice !== undefined && (
        <p className={`notice tone-${screen.notice.tone}`}>{screen.notice[language]}</p>
      )}
      {showsDemoOperators(screen, tid) && <DemoOperators language={language} />}
      {screen.hint !== '' && <p className="display-hint">{screen.hint}</p>}
    </>
  );
}

function screenId(power: PowerState, screen: Screen | null, bootNotice: unknown): string {
  if (power === 'on' && screen !== null) return screen.id;
  if (power === 'booting' && bootNotice !== undefined) return 'boot.notice';
  return { off: 'off', booting: 'boot', on: 'boot', stopping: 'shutdown', failed: 'boot.failed' }[power];
}

/** The device display: a live region named "显示屏 Display", its screen id in `data-screen-id`. */
export function Display(props: DisplayProps) {
  const { power, screen } = props;
  const tone = power === 'on' ? screen?.tone : power === 'failed' ? 'alert' : undefined;
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="显示屏 Display"
      data-screen-id={screenId(power, screen, props.bootNotice)}
      className={`display power-${power}${tone === undefined ? '' : ` tone-${tone}`}`}
    >
      {power === 'off' ? (
        <span className="visually-hidden">关机 Off</span>
      ) : power === 'on' && screen !== null ? (
        <ScreenView screen={screen} tid={props.tid} />
      ) : (
        <BootView {...props} />
      )}
    </div>
  );
}
