import { useEffect, useState } from 'react';
import { initialDetectorState, stepDetector } from '../../../../shared/scan/scan-detector';
import type { KeyInput, ScanDetectorConfig } from '../../../../shared/scan/scan-detector';
import { useI18n } from '../../i18n/use-i18n';
import { detectorConfigOf } from '../../input/use-scanner-input';
import { tapScanner } from '../../input/scanner-tap';
import { useAppStore } from '../../store/store-context';

/** A pause this long starts a new burst in the list, as does a terminator. */
const BURST_BREAK_MS = 1000;
const KEEP_KEYS = 300;
const KEEP_SCANS = 20;

export type ReceivedKey = { id: number; key: string; timeMs: number; gapMs: number | null; burst: number };

export type BurstVerdict = { length: number; maxGapMs: number | null; scan: string | null };

/**
 * Would the detector, with `config`, read these keys as a scan? They are fed in order, as
 * they came, to a fresh detector: the same code that decides at the bench, not an estimate.
 */
export function classifyBurst(keys: readonly KeyInput[], config: ScanDetectorConfig): BurstVerdict {
  let state = initialDetectorState();
  let scan: string | null = null;
  let maxGapMs: number | null = null;
  let length = 0;
  keys.forEach((input, index) => {
    if ([...input.key].length === 1) length += 1;
    const previous = keys[index - 1];
    if (previous !== undefined) maxGapMs = Math.max(maxGapMs ?? 0, input.timeMs - previous.timeMs);
    const step = stepDetector(state, input, config);
    state = step.state;
    if (step.scan !== undefined) scan = step.scan;
  });
  return { length, maxGapMs, scan };
}

/** A gap setting with room above what the scanner showed: +50 %, at least +10 ms, in steps of 5. */
export function suggestedMaxInterKeyMs(observedGapMs: number): number {
  const target = Math.max(observedGapMs * 1.5, observedGapMs + 10);
  return Math.min(500, Math.max(5, Math.ceil(target / 5) * 5));
}

function keyLabel(key: string): string {
  if (key === ' ') return '␠';
  if (key === '\u001d') return 'GS';
  return key;
}

/**
 * Shows live what the scanner sends. While this page is open, scans are shown here and not
 * acted on (no order opens, nobody is signed in or out): the tap is exclusive.
 */
export function ScannerCalibration() {
  const { t } = useI18n();
  const settings = useAppStore((state) => state.settings);
  const updateSettings = useAppStore((state) => state.updateSettings);
  const [keys, setKeys] = useState<ReceivedKey[]>([]);
  const [scans, setScans] = useState<Array<{ id: number; code: string }>>([]);

  useEffect(() => {
    let nextId = 1;
    let burst = 0;
    let last: { timeMs: number; terminator: boolean } | null = null;
    return tapScanner(
      (event) => {
        if (event.type === 'scan') {
          const id = nextId++;
          setScans((current) => [{ id, code: event.code }, ...current].slice(0, KEEP_SCANS));
          return;
        }
        if (event.type !== 'key') return;
        const { key, timeMs } = event.input;
        const gapMs = last === null ? null : timeMs - last.timeMs;
        const startsBurst = last === null || last.terminator || (gapMs !== null && gapMs > BURST_BREAK_MS);
        if (startsBurst) burst += 1;
        last = { timeMs, terminator: key === 'Enter' || key === 'Tab' };
        const entry: ReceivedKey = { id: nextId++, key, timeMs, gapMs: startsBurst ? null : gapMs, burst };
        setKeys((current) => [...current, entry].slice(-KEEP_KEYS));
      },
      { exclusive: true },
    );
  }, []);

  const config = detectorConfigOf(settings);
  const lastBurst = keys.length > 0 ? keys[keys.length - 1]?.burst : undefined;
  const burstKeys = keys.filter((key) => key.burst === lastBurst);
  const verdict = burstKeys.length > 0 ? classifyBurst(burstKeys, config) : null;
  const suggestion = verdict?.maxGapMs != null ? suggestedMaxInterKeyMs(verdict.maxGapMs) : null;

  return (
    <section className="calibration" aria-labelledby="calibration-title" data-testid="calibration">
      <h2 id="calibration-title">{t('calibration.title')}</h2>
      <p className="big-hint">{t('calibration.hint')}</p>
      <p className="hint">{t('calibration.advice')}</p>
      <p data-testid="calibration-current">{t('calibration.current', { min: config.minLength, ms: config.maxInterKeyMs })}</p>

      {verdict ? (
        <div className={`calibration-verdict ${verdict.scan !== null ? 'verdict-scan' : 'verdict-typing'}`} data-testid="calibration-verdict" data-scan={verdict.scan !== null}>
          <p className="verdict-line">
            <span aria-hidden="true">{verdict.scan !== null ? '✔ ' : '✖ '}</span>
            {verdict.scan !== null ? t('calibration.verdict.scan') : t('calibration.verdict.typing')}
          </p>
          <p data-testid="calibration-burst">{t('calibration.burst', { length: verdict.length, ms: verdict.maxGapMs === null ? 0 : Math.round(verdict.maxGapMs) })}</p>
          {suggestion !== null && suggestion !== config.maxInterKeyMs ? (
            <button
              type="button"
              className="big-button"
              data-testid="calibration-apply"
              onClick={() => void updateSettings({ scanner: { maxInterKeyMs: suggestion } })}
            >
              {t('calibration.suggest', { ms: suggestion })}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="empty" data-testid="calibration-waiting">
          {t('calibration.waiting')}
        </p>
      )}

      <div className="calibration-columns">
        <div>
          <h3>{t('calibration.keys')}</h3>
          <table className="calibration-keys">
            <thead>
              <tr>
                <th scope="col">{t('calibration.col.key')}</th>
                <th scope="col">{t('calibration.col.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {[...keys].reverse().map((entry) => (
                <tr
                  key={entry.id}
                  data-testid="calibration-key"
                  data-key={entry.key}
                  data-gap={entry.gapMs === null ? '' : String(Math.round(entry.gapMs))}
                  className={entry.gapMs !== null && entry.gapMs > config.maxInterKeyMs ? 'gap-over' : undefined}
                >
                  <td className="calibration-key">{keyLabel(entry.key)}</td>
                  <td className="calibration-gap">
                    {entry.gapMs === null ? (
                      t('calibration.firstKey')
                    ) : (
                      <>
                        {entry.gapMs > config.maxInterKeyMs ? <span aria-hidden="true">▲ </span> : null}
                        {t('calibration.gap', { ms: Math.round(entry.gapMs) })}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>{t('calibration.scans')}</h3>
          {scans.length === 0 ? <p className="hint">{t('calibration.noScans')}</p> : null}
          <ol className="calibration-scans">
            {scans.map((scan) => (
              <li key={scan.id} data-testid="calibration-scan" className="code-text">
                {scan.code}
              </li>
            ))}
          </ol>
        </div>
      </div>
      <button
        type="button"
        className="big-button"
        data-testid="calibration-clear"
        onClick={() => {
          setKeys([]);
          setScans([]);
        }}
      >
        {t('calibration.clear')}
      </button>
    </section>
  );
}
