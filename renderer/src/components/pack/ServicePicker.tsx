import type { RefObject } from 'react';
import type { PackView } from '../../../../shared/contract';
import { formatKg } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { FindingList } from './FindingList';

export function ServicePicker({ view, panelRef }: { view: PackView; panelRef: RefObject<HTMLElement | null> }) {
  const { t, language } = useI18n();
  const busy = useAppStore((state) => state.packBusy);
  const printLabel = useAppStore((state) => state.printLabel);
  const selected = useAppStore((state) => state.serviceChoice);
  const setSelected = useAppStore((state) => state.chooseService);
  const measured = view.package.lengthMm !== null && view.package.weightG !== null;
  // The choice only counts while the station still says the service may carry the parcel.
  const chosen = view.services.find((service) => service.serviceId === selected && service.eligible) ?? null;

  return (
    <section className="pack-step service-picker" ref={panelRef} tabIndex={-1} aria-labelledby="services-title">
      <h2 id="services-title">{t('pack.services.title')}</h2>
      {!measured ? (
        <p className="hint" data-testid="services-need-measure">
          {t('pack.services.needMeasure')}
        </p>
      ) : view.services.length === 0 ? (
        <p className="hint">{t('pack.services.none')}</p>
      ) : (
        <div className="services">
          {view.services.map((service) => (
            <div key={service.serviceId} className={`service-option${service.eligible ? ' eligible' : ' not-eligible'}`}>
              <button
                type="button"
                className="service-button"
                data-testid={`service-${service.serviceId}`}
                data-eligible={service.eligible ? 'true' : 'false'}
                aria-pressed={selected === service.serviceId}
                disabled={!service.eligible || busy}
                onClick={() => setSelected(service.serviceId)}
              >
                <span className="service-name">{language === 'zh-CN' ? service.nameZh : service.nameEn}</span>
                <span className="service-carrier">{service.carrierName}</span>
                <span className={`service-verdict ${service.eligible ? 'verdict-ok' : 'verdict-no'}`}>
                  {service.eligible ? `✔ ${t('pack.service.eligible')}` : `✖ ${t('pack.service.notEligible')}`}
                </span>
                {service.billableWeightG !== null ? (
                  <span className="service-billable">{t('pack.service.billable', { weight: formatKg(service.billableWeightG) })}</span>
                ) : null}
                <span className="service-range">{t('pack.service.remaining', { count: service.rangeRemaining })}</span>
              </button>
              {service.findings.length > 0 ? <FindingList findings={service.findings} /> : null}
            </div>
          ))}
        </div>
      )}
      <button
        type="button"
        className="big-button primary print-button"
        data-testid="print-label"
        disabled={chosen === null || busy}
        onClick={() => {
          if (chosen) void printLabel(chosen.serviceId);
        }}
      >
        {busy ? t('pack.printing') : t('pack.print')}
      </button>
      {measured && chosen === null ? <p className="hint">{t('pack.print.chooseService')}</p> : null}
    </section>
  );
}
