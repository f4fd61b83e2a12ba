import { useState } from 'react';
import type { ScaleReading } from '../../../../shared/scale/reading';
import { formatKg } from '../../format/units';
import type { MessageKey } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { useScale } from '../../scale/scale-context';

const STATUS_KEY: Record<ScaleReading['status'], MessageKey> = {
  ok: 'scale.status.ok',
  'in-motion': 'scale.status.inMotion',
  zero: 'scale.status.zero',
  negative: 'scale.status.negative',
  overload: 'scale.status.overload',
  underload: 'scale.status.underload',
  error: 'scale.status.error',
};

/**
 * The scale as the packer sees it: the live reading and whether it is stable, how to connect a
 * USB or serial scale, and, for the simulated scale, buttons that put a load on it.
 */
export function ScalePanel({ expectedG }: { expectedG: number | null }) {
  const { t } = useI18n();
  const { service, snapshot } = useScale();
  const [grams, setGrams] = useState('');
  if (service === null || snapshot === null || snapshot.mode === 'none') return null;
  const { reading, connection, mode } = snapshot;
  const typedGrams = /^\d{1,6}$/.test(grams.trim()) ? Number(grams.trim()) : null;

  return (
    <div className="scale-panel" data-testid="scale-panel" data-mode={mode} data-connection={connection}>
      <p className="scale-line">
        <span className="scale-label">{t(`scale.mode.${mode}`)}</span>{' '}
        {reading !== null ? (
          <span
            className={reading.stable && reading.status === 'ok' ? 'scale-reading scale-stable' : 'scale-reading scale-moving'}
            data-testid="scale-reading"
            data-stable={reading.stable ? 'true' : 'false'}
            data-grams={reading.grams}
          >
            {reading.status === 'overload' || reading.status === 'underload' || reading.status === 'error' ? '—' : formatKg(reading.grams)}{' '}
            <small>{t(STATUS_KEY[reading.status])}</small>
          </span>
        ) : connection === 'connected' ? (
          <span className="hint">{t('scale.waiting')}</span>
        ) : null}
        {snapshot.readError !== null ? <small className="hint"> {t('scale.unreadable')}</small> : null}
      </p>
      {connection === 'unsupported' ? (
        <p className="inline-error" data-testid="scale-unsupported">
          {t(mode === 'hid' ? 'scale.unsupported.hid' : 'scale.unsupported.serial')}
        </p>
      ) : null}
      {(mode === 'hid' || mode === 'serial') && connection !== 'unsupported' && connection !== 'connected' ? (
        <button type="button" data-testid="scale-connect" disabled={connection === 'connecting'} onClick={() => void service.connect()}>
          {t('scale.connect')}
        </button>
      ) : null}
      {connection === 'failed' && snapshot.failure !== null ? (
        <p className="inline-error" data-testid="scale-failure">
          {t('scale.failed', { reason: snapshot.failure })}
        </p>
      ) : null}
      {connection === 'connected' && mode !== 'simulated' ? (
        <button type="button" data-testid="scale-take" onClick={service.takeNow}>
          {t('scale.takeNow')}
        </button>
      ) : null}
      {mode === 'simulated' ? (
        <fieldset className="sim-scale">
          <legend>{t('scale.sim.title')}</legend>
          <button type="button" data-testid="sim-scale-place-expected" disabled={expectedG === null} onClick={() => expectedG !== null && service.simulated.place(expectedG)}>
            {expectedG === null ? t('scale.sim.placeExpectedNone') : t('scale.sim.placeExpected', { weight: formatKg(expectedG) })}
          </button>
          <label>
            <span>{t('scale.sim.grams')}</span>
            <input data-testid="sim-scale-grams" type="text" inputMode="numeric" autoComplete="off" value={grams} onChange={(event) => setGrams(event.target.value)} />
          </label>
          <button type="button" data-testid="sim-scale-place" disabled={typedGrams === null} onClick={() => typedGrams !== null && service.simulated.place(typedGrams)}>
            {t('scale.sim.place')}
          </button>
          <button type="button" data-testid="sim-scale-remove" onClick={service.simulated.remove}>
            {t('scale.sim.remove')}
          </button>
        </fieldset>
      ) : null}
    </div>
  );
}
