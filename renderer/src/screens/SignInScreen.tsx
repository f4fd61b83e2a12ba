import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import type { MessageKey } from '../i18n/translate';
import { useAppStore } from '../store/store-context';

/**
 * Shown whenever nobody is signed in. The quick way is a badge scan: the scanner input
 * routes any scan made here to `signIn({ badge })`, wherever the focus is. Without a badge,
 * the operator picks their name and types the PIN, keyboard only (Tab, arrows, Enter).
 */
export function SignInScreen() {
  const { t, describe } = useI18n();
  const operators = useAppStore((state) => state.operators);
  const signingIn = useAppStore((state) => state.signingIn);
  const signInError = useAppStore((state) => state.signInError);
  const signedOutBecause = useAppStore((state) => state.signedOutBecause);
  const loadOperators = useAppStore((state) => state.loadOperators);
  const signIn = useAppStore((state) => state.signIn);
  const focusTick = useAppStore((state) => state.focusTick);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [missing, setMissing] = useState<MessageKey | null>(null);
  const nameRef = useRef<HTMLSelectElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadOperators();
  }, [loadOperators]);

  useEffect(() => {
    nameRef.current?.focus();
  }, [focusTick]);

  const submit = async () => {
    if (name === '') return setMissing('signIn.needName');
    if (pin === '') return setMissing('signIn.needPin');
    setMissing(null);
    const signedIn = await signIn({ name, pin });
    if (!signedIn) {
      // The PIN is cleared and takes the focus for the next try.
      setPin('');
      pinRef.current?.focus();
    }
  };

  return (
    <section className="screen sign-in-screen" aria-labelledby="sign-in-title" data-testid="sign-in-screen">
      <h1 id="sign-in-title" className="screen-title">
        {t('signIn.title')}
      </h1>
      {signedOutBecause ? (
        <p className="notice" role="status" data-testid="signed-out-reason" data-code={signedOutBecause.code}>
          <span aria-hidden="true">ⓘ </span>
          {describe(signedOutBecause)}
        </p>
      ) : null}
      <div className="badge-prompt">
        <span className="badge-icon" aria-hidden="true">
          ▮▯▮▮▯▮
        </span>
        <p className="big-hint badge-title">{t('signIn.scanBadge')}</p>
        <p className="hint">{t('signIn.scanHint')}</p>
      </div>
      {signInError ? (
        <p className="inline-error" role="alert" data-testid="sign-in-error" data-code={signInError.code}>
          <span aria-hidden="true">✖ </span>
          {describe(signInError)}
        </p>
      ) : null}
      <form
        className="sign-in-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2>{t('signIn.or')}</h2>
        {operators.length === 0 ? <p className="hint">{t('signIn.noOperators')}</p> : null}
        <label className="settings-field">
          <span>{t('signIn.name')}</span>
          <select ref={nameRef} data-testid="sign-in-name" className="big-input" value={name} onChange={(event) => setName(event.target.value)}>
            <option value="">{t('signIn.chooseName')}</option>
            {operators.map((operator) => (
              <option key={operator.name} value={operator.name}>
                {operator.name} {t('nav.role', { role: t(`role.${operator.role}`) })}
              </option>
            ))}
          </select>
        </label>
        <label className="settings-field">
          <span>{t('signIn.pin')}</span>
          <input
            ref={pinRef}
            data-testid="sign-in-pin"
            className="big-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
          />
        </label>
        {missing ? (
          <p className="inline-error" role="alert" data-testid="sign-in-missing">
            {t(missing)}
          </p>
        ) : null}
        <button type="submit" className="big-button primary" data-testid="sign-in-submit" disabled={signingIn}>
          {signingIn ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
