import { useEffect, useRef } from 'react';
import type { PackView } from '../../../shared/contract';
import { AlertBanner } from '../components/AlertBanner';
import { BoxPicker } from '../components/pack/BoxPicker';
import { PackageFindings } from '../components/pack/FindingList';
import { ItemScanField } from '../components/pack/ItemScanField';
import { LabelResult } from '../components/pack/LabelResult';
import { PackHeader } from '../components/pack/PackHeader';
import { PackLines } from '../components/pack/PackLines';
import { ServicePicker } from '../components/pack/ServicePicker';
import { WeightEntry } from '../components/pack/WeightEntry';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

/** Where the packer is: scanning units, measuring the parcel, or done (label exists). */
export type PackStep = 'scan' | 'measure' | 'done';

export function packStep(view: PackView): PackStep {
  if (view.package.trackingNumber !== null) return 'done';
  return view.allScanned ? 'measure' : 'scan';
}

export function PackScreen() {
  const view = useAppStore((state) => state.view);
  return view === null ? <NoOrder /> : <OpenOrder view={view} />;
}

function NoOrder() {
  const { t } = useI18n();
  const navigate = useAppStore((state) => state.navigate);
  return (
    <section className="screen pack-screen no-order">
      <p className="hint big-hint">{t('pack.noOrder')}</p>
      <button type="button" className="big-button" onClick={() => navigate('queue')}>
        {t('pack.backToQueue')}
      </button>
    </section>
  );
}

function OpenOrder({ view }: { view: PackView }) {
  const { t, describe } = useI18n();
  const packAlert = useAppStore((state) => state.packAlert);
  const lastAccepted = useAppStore((state) => state.lastAccepted);
  const focusTick = useAppStore((state) => state.focusTick);
  const acknowledge = useAppStore((state) => state.acknowledgePackAlert);
  const busy = useAppStore((state) => state.packBusy);

  const scanRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLElement>(null);
  const weightRef = useRef<HTMLInputElement>(null);
  const servicesRef = useRef<HTMLElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);

  const step = packStep(view);
  const hasBox = view.package.lengthMm !== null;
  const hasWeight = view.package.weightG !== null;
  const orderId = view.order.orderId;
  const remaining = view.lines.reduce((sum, line) => sum + Math.max(0, line.quantity - line.scanned), 0);

  // After every action the focus goes where the next physical step happens, so a scanner,
  // the number keys or Enter always reach the right control without touching the mouse.
  useEffect(() => {
    const target =
      step === 'scan' ? scanRef : step === 'done' ? nextRef : !hasBox ? boxRef : !hasWeight ? weightRef : servicesRef;
    target.current?.focus();
  }, [focusTick, step, hasBox, hasWeight, orderId]);

  return (
    <section className="screen pack-screen" data-step={step}>
      <PackHeader order={view.order} />
      {packAlert ? (
        <AlertBanner
          testId="scan-error"
          ackTestId="scan-error-ack"
          code={packAlert.code}
          message={describe(packAlert)}
          onAcknowledge={acknowledge}
        />
      ) : null}
      {step !== 'done' ? (
        <div className="scan-area">
          <ItemScanField inputRef={scanRef} keepFocus={step === 'scan'} />
          <p className={`scan-progress${remaining === 0 ? ' done' : ''}`} data-testid="scan-progress">
            {remaining === 0 ? `✔ ${t('pack.allScanned')}` : t('pack.remaining', { count: remaining })}
          </p>
          {lastAccepted ? (
            <p className="scan-accepted" data-testid="scan-accepted" key={lastAccepted.seq}>
              ✔ {describe(lastAccepted.outcome)}
            </p>
          ) : null}
          {busy ? <span className="busy">{t('pack.busy')}</span> : null}
        </div>
      ) : null}
      <PackLines lines={view.lines} lastAccepted={lastAccepted} />
      {step === 'measure' ? (
        <div className="measure" key={orderId}>
          <BoxPicker pkg={view.package} panelRef={boxRef} />
          <WeightEntry weightG={view.package.weightG} inputRef={weightRef} />
          {hasBox && hasWeight ? <PackageFindings findings={view.findings} /> : null}
          <ServicePicker view={view} panelRef={servicesRef} />
        </div>
      ) : null}
      {step === 'done' ? <LabelResult view={view} nextRef={nextRef} /> : null}
    </section>
  );
}
