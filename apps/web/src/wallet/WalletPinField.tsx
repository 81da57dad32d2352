import { Bi } from '../landing/Bi.js';

/** The 6-digit wallet PIN, masked; anything but digits is dropped as it is typed. */
export function WalletPinField({
  value,
  onChange,
  autoComplete,
}: {
  readonly value: string;
  readonly onChange: (pin: string) => void;
  readonly autoComplete: 'off' | 'current-password';
}) {
  return (
    <label className="field">
      <span>
        <Bi zh="钱包密码" en="Wallet PIN" />
      </span>
      <input
        name="pin"
        type="password"
        inputMode="numeric"
        autoComplete={autoComplete}
        pattern="\d{6}"
        maxLength={6}
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))}
        required
      />
    </label>
  );
}
