import { useState, type FormEvent } from 'react';
import { Bi } from '../landing/Bi.js';
import { WalletPinField } from './WalletPinField.js';
import { Notice } from './Notice.js';
import { signIn, type WalletSession } from './wallet-api.js';
import { errorMessage } from './wallet-messages.js';

/** The demo wallet users of test-cards.md. */
const DEMO_USERS = [
  { user: 'alice', pin: '111111' },
  { user: 'bob', pin: '222222' },
];

export function SignIn({ onSignedIn }: { readonly onSignedIn: (session: WalletSession) => void }) {
  const [user, setUser] = useState('alice');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      onSignedIn(await signIn(user.trim(), pin));
    } catch (error) {
      setFailure(error);
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel sign-in"
      aria-labelledby="sign-in-heading"
      onSubmit={(event) => void submit(event)}
    >
      <h2 id="sign-in-heading">
        <Bi zh="登录钱包" en="Sign in" />
      </h2>
      <label className="field">
        <span>
          <Bi zh="用户名" en="User" />
        </span>
        <input
          name="user"
          autoComplete="username"
          autoCapitalize="none"
          value={user}
          onChange={(event) => setUser(event.target.value)}
          required
        />
      </label>
      <WalletPinField value={pin} onChange={setPin} autoComplete="current-password" />
      <button className="button primary wide" type="submit" disabled={busy}>
        <Bi zh="登录" en="Sign in" />
      </button>
      {failure !== undefined && <Notice message={errorMessage(failure)} tone="alert" />}
      <p className="note">
        <Bi zh="测试用户：" en="Test users:" />{' '}
        {DEMO_USERS.map((demo) => `${demo.user} / ${demo.pin}`).join(', ')}
      </p>
    </form>
  );
}
