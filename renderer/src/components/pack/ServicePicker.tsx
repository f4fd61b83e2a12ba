import { useState } from 'react';
import type { RefObject } from 'react';
import type { PackView, ServiceOption } from '../../../../shared/contract';
import { formatMinor } from '../../../../shared/domain/compliance';
import { describeChoiceReason } from '../../format/choice';
import { formatKg } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { SCAN_AS_TEXT_ATTRIBUTE } from '../../input/use-scanner-input';
import { chosenServiceId } from '../../store/service-choice';
import { useAppStore } from '../../store/store-context';
import { FindingList } from './FindingList';

export function ServicePicker({ view, panelRef }: { view: PackView; panelRef: RefObject<HTMLElement | null> }) {
  const { t, language } = useI18n();
  const busy = useAppStore((state) => state.packBusy);
  const printLabel = useAppStore((state) => state.printLabel);
  const picked = useAppStore((state) => state.serviceChoice);
  const setPicked = useAppStore((state) => state.chooseService);
  const reasonCode = useAppStore((state) => state.serviceReason);
  const setReason = useAppStore((state) => state.setServiceReason);
  const reasons = useAppStore((state) => state.settings?.serviceOverrideReasons ?? []);
  const [typedNumber, setTypedNumber] = useState('');
  const measured = view.package.lengthMm !== null && view.package.weightG !== null;
  const proposal = view.proposal;
  const nameOf = (service: Pick<ServiceOption, 'nameEn' | 'nameZh'>) => (language === 'zh-CN' ? service.nameZh : service.nameEn);
  const serviceName = (id: string) => {
    const service = view.services.find((candidate) => candidate.serviceId === id);
    return service ? nameOf(service) : id;
  };
  // The choice only counts while the station still says the service may carry the parcel.
  const chosenId = chosenServiceId(view, picked);
  const chosen = view.services.find((service) => service.serviceId === chosenId) ?? null;
  const proposed = view.services.find((service) => service.serviceId === proposal?.serviceId) ?? null;
  const overriding = chosen !== null && proposed !== null && chosen.serviceId !== proposed.serviceId;
  const needsNumber = chosen?.trackingSource === 'pre-printed';
  const ready = chosen !== null && (!overriding || reasonCode !== null) && (!needsNumber || typedNumber.trim() !== '');

  // What the other service gives up, as the station worked it out for this package.
  const giveUp: string[] = [];
  const consequences = overriding ? chosen?.ifChosen : null;
  if (consequences && proposal) {
    const extra = consequences.extraCostMinor;
    if (extra !== null && extra > 0) giveUp.push(t('pack.override.costsMore', { amount: formatMinor(extra, proposal.currency) }));
    if (extra !== null && extra < 0) giveUp.push(t('pack.override.costsLess', { amount: formatMinor(-extra, proposal.currency) }));
    const later = consequences.daysLater;
    if (later !== null && later > 0) giveUp.push(t('pack.override.later', { days: later }));
    if (later !== null && later < 0) giveUp.push(t('pack.override.earlier', { days: -later }));
    if (consequences.missesPromise) giveUp.push(t('pack.override.missesPromise', { date: proposal.promised ?? '' }));
  }

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
        <>
          {proposal ? (
            <div className="service-proposal" data-testid="service-proposal" data-service={proposal.serviceId ?? ''} title={proposal.text}>
              <strong>{proposal.serviceId ? t('pack.proposal.title', { service: serviceName(proposal.serviceId) }) : t('pack.proposal.none')}</strong>
              <ul className="proposal-reasons">
                {proposal.explanation.map((reason, index) => (
                  <li key={`${reason.code}-${index}`} data-code={reason.code}>
                    {describeChoiceReason(reason, t, serviceName, formatMinor)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="services">
            {view.services.map((service) => (
              <div key={service.serviceId} className={`service-option${service.eligible ? ' eligible' : ' not-eligible'}`}>
                <button
                  type="button"
                  className="service-button"
                  data-testid={`service-${service.serviceId}`}
                  data-eligible={service.eligible ? 'true' : 'false'}
                  aria-pressed={chosenId === service.serviceId}
                  disabled={!service.eligible || busy}
                  onClick={() => setPicked(service.serviceId)}
                >
                  <span className="service-name">
                    {nameOf(service)}
                    {proposal?.serviceId === service.serviceId ? <span className="service-badge proposed">{t('pack.service.proposed')}</span> : null}
                  </span>
                  <span className="service-carrier">{service.carrierName}</span>
                  <span className={`service-verdict ${service.eligible ? 'verdict-ok' : 'verdict-no'}`}>
                    {service.eligible ? `✔ ${t('pack.service.eligible')}` : `✖ ${t('pack.service.notEligible')}`}
                  </span>
                  {service.cost ? <span className="service-cost">{formatMinor(service.cost.totalMinor, service.cost.currency)}</span> : null}
                  {service.deliveryLatest ? (
                    <span className={`service-eta${service.keepsPromise === false ? ' late' : ''}`}>
                      {t(service.keepsPromise === false ? 'pack.service.arrivesLate' : 'pack.service.arrives', { date: service.deliveryLatest })}
                    </span>
                  ) : null}
                  {service.billableWeightG !== null ? (
                    <span className="service-billable">{t('pack.service.billable', { weight: formatKg(service.billableWeightG) })}</span>
                  ) : null}
                  {service.trackingSource === 'pre-printed' ? <span className="service-range">{t('pack.service.preprinted')}</span> : null}
                  {service.rangeRemaining !== null ? (
                    <span className={`service-range${service.rangeLow ? ' range-low' : ''}`}>
                      {t(service.rangeLow ? 'pack.service.remainingLow' : 'pack.service.remaining', { count: service.rangeRemaining })}
                    </span>
                  ) : null}
                </button>
                {service.findings.length > 0 ? <FindingList findings={service.findings} /> : null}
              </div>
            ))}
          </div>
        </>
      )}
      {overriding ? (
        <div className="service-override" data-testid="service-override">
          <label>
            {t('pack.override.reason', { service: chosen ? nameOf(chosen) : '' })}
            <select data-testid="service-reason" value={reasonCode ?? ''} onChange={(event) => setReason(event.target.value === '' ? null : event.target.value)}>
              <option value="">{t('pack.override.pickReason')}</option>
              {reasons.map((reason) => (
                <option key={reason.code} value={reason.code}>
                  {language === 'zh-CN' ? reason.zh : reason.en}
                </option>
              ))}
            </select>
          </label>
          {giveUp.length > 0 ? <p className="hint">{giveUp.join(' · ')}</p> : null}
        </div>
      ) : null}
      {needsNumber ? (
        <label className="preprinted-entry">
          {t('pack.preprinted.scan')}
          <input
            data-testid="preprinted-number"
            {...{ [SCAN_AS_TEXT_ATTRIBUTE]: 'text' }}
            value={typedNumber}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTypedNumber(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && ready && chosen) {
                void printLabel(chosen.serviceId, { preprintedNumber: typedNumber, ...(overriding && reasonCode ? { reasonCode } : {}) });
              }
            }}
          />
        </label>
      ) : null}
      <button
        type="button"
        className="big-button primary print-button"
        data-testid="print-label"
        disabled={!ready || busy}
        onClick={() => {
          if (chosen) void printLabel(chosen.serviceId, { ...(overriding && reasonCode ? { reasonCode } : {}), ...(needsNumber ? { preprintedNumber: typedNumber } : {}) });
        }}
      >
        {busy ? t('pack.printing') : t('pack.print')}
      </button>
      {measured && chosen === null ? <p className="hint">{t('pack.print.chooseService')}</p> : null}
      {overriding && reasonCode === null ? <p className="hint">{t('pack.override.reasonFirst')}</p> : null}
    </section>
  );
}
