import { useEffect, useRef } from 'react';
import type { PackView } from '../../../shared/contract';
import { BoxPicker } from '../components/pack/BoxPicker';
import { CancelledBlock } from '../components/pack/CancelledBlock';
import { PackageFindings } from '../components/pack/FindingList';
import { AfterSalesPanel, hasAfterSales } from '../components/pack/AfterSalesPanel';
import { HistoryPanel } from '../components/pack/HistoryPanel';
import { ItemScanField } from '../components/pack/ItemScanField';
import { LabelResult } from '../components/pack/LabelResult';
import { OverrideDialog } from '../components/pack/OverrideDialog';
import { PackAlert } from '../components/pack/PackAlert';
import { PackageList } from '../components/pack/PackageList';
import { PackHeader } from '../components/pack/PackHeader';
import { PackInstruction } from '../components/pack/PackInstruction';
import { PackLines } from '../components/pack/PackLines';
import { packStep } from '../components/pack/pack-step';
import { SerialPrompt } from '../components/pack/SerialPrompt';
import { ServicePicker } from '../components/pack/ServicePicker';
import { ParcelDeclarations } from '../components/pack/ParcelDeclarations';
import { WeightEntry, weightOutOfTolerance } from '../components/pack/WeightEntry';
import { WeightOverrideDialog } from '../components/pack/WeightOverrideDialog';
import { PullParcels } from '../components/PullParcels';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

export { packStep } from '../components/pack/pack-step';
export type { PackStep } from '../components/pack/pack-step';

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
  const { t } = useI18n();
  const packAlert = useAppStore((state) => state.packAlert);
  const notCounted = useAppStore((state) => state.notCounted);
  const lastAccepted = useAppStore((state) => state.lastAccepted);
  const focusTick = useAppStore((state) => state.focusTick);
  const cancelled = useAppStore((state) => state.orderCancelled);
  const overrideFor = useAppStore((state) => state.overrideFor);
  const weightOverrideOpen = useAppStore((state) => state.weightOverrideOpen);
  const historyOpen = useAppStore((state) => state.historyOpen);
  const toggleHistory = useAppStore((state) => state.toggleHistory);
  const acknowledgeAlert = useAppStore((state) => state.acknowledgeAlert);

  const scanRef = useRef<HTMLInputElement>(null);
  const ackRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLElement>(null);
  const weightRef = useRef<HTMLInputElement>(null);
  const servicesRef = useRef<HTMLElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const leaveRef = useRef<HTMLButtonElement>(null);

  const step = packStep(view, cancelled);
  // The station's alert first: it is the one that holds back further scans. A local refusal
  // (bad weight, station error) is shown once it is acknowledged.
  const stationAlert = view.session.alert;
  const shown =
    step === 'cancelled'
      ? null
      : stationAlert !== null
        ? { code: stationAlert.code, message: t('pack.alert.generic', { code: stationAlert.code }), data: stationAlert.data }
        : packAlert;
  const alertShown = shown !== null;
  const hasBox = view.package.lengthMm !== null;
  // A weight out of tolerance is no weight yet: the packer weighs again or asks for an override.
  const hasWeight = view.package.weightG !== null && !weightOutOfTolerance(view);
  const orderId = view.order.orderId;
  const scanning = step === 'scan' || step === 'serial';
  const overrideLine = overrideFor === null ? null : (view.lines.find((line) => line.orderItemId === overrideFor) ?? null);

  // After every action the focus goes where the next physical step happens, so a scanner,
  // the number keys or Enter always reach the right control without touching the mouse.
  useEffect(() => {
    if (overrideLine !== null || weightOverrideOpen) return;
    const target =
      step === 'cancelled'
        ? leaveRef
        : alertShown
          ? ackRef
          : scanning
            ? scanRef
            : step === 'label'
              ? nextRef
              : !hasBox
                ? boxRef
                : !hasWeight
                  ? weightRef
                  : servicesRef;
    target.current?.focus();
  }, [focusTick, step, alertShown, scanning, hasBox, hasWeight, orderId, overrideLine, weightOverrideOpen]);

  return (
    <section className="screen pack-screen" data-step={step}>
      <PackHeader order={view.order} />
      {step === 'cancelled' ? <CancelledBlock view={view} backRef={leaveRef} /> : null}
      {shown !== null ? <PackAlert alert={shown} notCounted={notCounted} onAcknowledge={() => void acknowledgeAlert()} ackRef={ackRef} /> : null}
      {step !== 'cancelled' && view.pullParcels.length > 0 ? (
        <PullParcels parcels={view.pullParcels.map((parcel) => ({ ...parcel, orderId }))} showOrder={false} />
      ) : null}
      <PackInstruction view={view} step={step} alertShown={alertShown} />
      {scanning ? (
        <div className="scan-area">
          {view.session.awaiting !== null ? <SerialPrompt awaiting={view.session.awaiting} /> : null}
          <ItemScanField inputRef={scanRef} keepFocus={!alertShown && overrideLine === null} serial={view.session.awaiting !== null} />
        </div>
      ) : null}
      <PackLines lines={view.lines} lastAccepted={lastAccepted} packing={step === 'scan' && !alertShown} />
      <PackageList view={view} canClose={step === 'scan' && !alertShown} />
      {step === 'measure' ? (
        <div className="measure" key={`${orderId}:${view.package.id}`}>
          <BoxPicker pkg={view.package} suggestion={view.boxSuggestion} panelRef={boxRef} />
          <WeightEntry view={view} inputRef={weightRef} />
          <ParcelDeclarations view={view} />
          {/* Compliance problems show as soon as the package is closed, before anyone boxes it. */}
          {view.findings.length > 0 || (hasBox && view.package.weightG !== null) ? <PackageFindings findings={view.findings} /> : null}
          <ServicePicker view={view} panelRef={servicesRef} />
        </div>
      ) : null}
      {step === 'label' ? <LabelResult view={view} nextRef={nextRef} /> : null}
      <div className="pack-tools">
        <button type="button" data-testid="history-open" aria-expanded={historyOpen} onClick={() => void toggleHistory()}>
          {/* A packed order's returns, refunds and feedback are behind the same button: say so. */}
          {historyOpen ? t('history.close') : t(hasAfterSales(view.order.status) ? 'history.openAfterSales' : 'history.open')}
        </button>
      </div>
      {historyOpen ? <HistoryPanel /> : null}
      {historyOpen ? <AfterSalesPanel orderId={orderId} status={view.order.status} /> : null}
      {overrideLine !== null ? <OverrideDialog line={overrideLine} /> : null}
      {weightOverrideOpen && step === 'measure' ? <WeightOverrideDialog view={view} /> : null}
    </section>
  );
}
