import type { PackView, Settings } from '../../../../shared/contract';
import { declaredValueByCurrency, formatMinor, insuranceCost } from '../../../../shared/domain/compliance';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

type ValueLine = { currency: string; valueMinor: number; costMinor: number | null };

/**
 * The declared value of the package being packed, per currency, with what insuring it costs.
 * Worked out from the lines and the insurance settings (the same pure rules the station uses),
 * so the value and the cost stay on screen after the parcel is insured, when the station's
 * INSURANCE_* finding is gone.
 */
export function declaredValues(view: PackView, insurance: Settings['insurance'] | undefined): ValueLine[] {
  const items = view.lines.map((line) => ({ sku: line.sku, quantity: line.inPackage, unitValueMinor: line.valueMinor, currency: line.currency }));
  return declaredValueByCurrency(items).totals.map(({ currency, valueMinor }) => {
    const rate = insurance !== undefined && Object.hasOwn(insurance.rates, currency) ? insurance.rates[currency] : undefined;
    return { currency, valueMinor, costMinor: rate === undefined ? null : insuranceCost(valueMinor, rate) };
  });
}

/** Insurance for a high value, the customs form and the lithium mark: what the parcel must carry. */
export function ParcelDeclarations({ view }: { view: PackView }) {
  const { t } = useI18n();
  const insuranceSettings = useAppStore((state) => state.settings?.insurance);
  const setInsurance = useAppStore((state) => state.setInsurance);
  const busy = useAppStore((state) => state.packBusy);
  const { status, insured } = view.insurance;
  const asked = status === 'required' || status === 'suggested';
  if (!asked && view.customsForm === null && !view.lithiumMark) return null;
  const values = asked ? declaredValues(view, insuranceSettings) : [];

  return (
    <section className="pack-step parcel-declarations" aria-labelledby="declarations-title">
      <h2 id="declarations-title">{t('pack.declarations.title')}</h2>
      {asked ? (
        <div className={`insurance insurance-${status}`} data-testid="insurance" data-status={status}>
          <p>
            {status === 'required' ? '✖' : '⚠'} {t(status === 'required' ? 'pack.insurance.required' : 'pack.insurance.suggested')}
          </p>
          <ul className="insurance-values">
            {values.map((value) => (
              <li key={value.currency} data-testid="insurance-value">
                {value.costMinor === null
                  ? t('pack.insurance.valueNoCost', { value: formatMinor(value.valueMinor, value.currency) })
                  : t('pack.insurance.value', { value: formatMinor(value.valueMinor, value.currency), cost: formatMinor(value.costMinor, value.currency) })}
              </li>
            ))}
          </ul>
          <label className="insurance-toggle">
            <input
              type="checkbox"
              data-testid="insurance-toggle"
              data-insured={insured ? 'true' : 'false'}
              checked={insured}
              disabled={busy}
              onChange={(event) => void setInsurance(event.target.checked)}
            />{' '}
            {t('pack.insurance.toggle')}
          </label>
        </div>
      ) : null}
      {view.customsForm !== null ? (
        <p className="customs-form" data-testid="customs-form" data-form={view.customsForm}>
          {t('pack.customs.form', { form: view.customsForm === 'invoice' ? t('pack.customs.invoice') : view.customsForm })}
        </p>
      ) : null}
      {view.lithiumMark ? (
        <p className="lithium-mark" data-testid="lithium-mark">
          ⚡ {t('pack.lithiumMark')}
        </p>
      ) : null}
    </section>
  );
}
