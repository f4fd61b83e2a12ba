import type { PackView } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { chosenServiceId } from '../../store/service-choice';
import { useAppStore } from '../../store/store-context';
import { currentPackage, instructionFor } from './pack-step';
import type { PackStep } from './pack-step';

const TONE_ICON = { do: '➜', stop: '✖', done: '✔' } as const;

/**
 * The two lines a packer reads from arm's length: what to do next, and what the station
 * just said. Each carries an icon and words, never colour alone.
 */
export function PackInstruction({ view, step, alertShown }: { view: PackView; step: PackStep; alertShown: boolean }) {
  const { t, describe } = useI18n();
  const lastResult = useAppStore((state) => state.lastResult);
  const pending = useAppStore((state) => state.pendingScans.length);
  const retrying = useAppStore((state) => state.scanRetrying);
  const serviceChoice = useAppStore((state) => state.serviceChoice);
  const serviceChosen = chosenServiceId(view, serviceChoice) !== null;
  const instruction = instructionFor(view, step, { alertShown, serviceChosen });
  const pkg = currentPackage(view);

  return (
    <div className="pack-instruction-area" aria-live="polite">
      <p className={`pack-instruction tone-${instruction.tone}`} data-testid="pack-instruction" data-key={instruction.key}>
        <span className="instruction-icon" aria-hidden="true">
          {TONE_ICON[instruction.tone]}
        </span>{' '}
        {t(instruction.key, instruction.params)}
      </p>
      {pkg !== null && step !== 'cancelled' ? (
        <p className="pack-package-line" data-testid="pack-package-line">
          {t('pack.package.current', { seq: pkg.seq, units: pkg.units })}
        </p>
      ) : null}
      {lastResult !== null ? (
        <p
          key={lastResult.seq}
          className={`pack-result ${lastResult.outcome.accepted ? 'result-ok' : 'result-refused'}`}
          data-testid="pack-result"
          data-code={lastResult.outcome.code}
        >
          <span aria-hidden="true">{lastResult.outcome.accepted ? '✔' : '✖'}</span>{' '}
          {lastResult.outcome.accepted ? t('pack.result.accepted') : t('pack.result.refused')} {describe(lastResult.outcome)}
        </p>
      ) : null}
      {pending > 0 ? (
        <p className="scan-saving" data-testid="scan-saving" role="status">
          {retrying ? `⚠ ${t('pack.saving.retrying', { count: pending })}` : t('pack.saving', { count: pending })}
        </p>
      ) : null}
    </div>
  );
}
