import type { PackView } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/** Every package of the order with what is in it and where it stands; "Next package" closes the open one early. */
export function PackageList({ view, canClose }: { view: PackView; canClose: boolean }) {
  const { t } = useI18n();
  const nextPackage = useAppStore((state) => state.nextPackage);
  const busy = useAppStore((state) => state.packBusy);
  const current = view.packages.find((pkg) => pkg.id === view.package.id);
  const closable = canClose && current !== undefined && current.units > 0 && !view.packageClosed;
  return (
    <section className="pack-packages" aria-labelledby="packages-title">
      <div className="packages-head">
        <h2 id="packages-title">{t('pack.packages.title')}</h2>
        {closable ? (
          <button type="button" className="big-button" data-testid="next-package" disabled={busy} onClick={() => void nextPackage()}>
            {t('pack.packages.next')} ⇥
          </button>
        ) : null}
      </div>
      <table className="packages-table">
        <thead>
          <tr>
            <th scope="col">{t('pack.packages.col.seq')}</th>
            <th scope="col">{t('pack.packages.col.units')}</th>
            <th scope="col">{t('pack.packages.col.status')}</th>
            <th scope="col">{t('pack.packages.col.tracking')}</th>
          </tr>
        </thead>
        <tbody>
          {view.packages.map((pkg) => (
            <tr
              key={pkg.id}
              className={`package-row${pkg.id === view.package.id ? ' package-current' : ''}`}
              data-testid="package-row"
              data-seq={pkg.seq}
              data-status={pkg.status}
              aria-current={pkg.id === view.package.id ? 'step' : undefined}
            >
              <td>
                {pkg.id === view.package.id ? <span aria-hidden="true">➜ </span> : null}
                {t('pack.packages.seq', { seq: pkg.seq })}
              </td>
              <td>{pkg.units}</td>
              <td>
                {t(`packageStatus.${pkg.status}`)}
                {pkg.voidRequested ? <span className="void-requested"> ⚠ {t('pack.packages.void')}</span> : null}
              </td>
              <td className="tracking">{pkg.trackingNumber ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
