import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape, CarrierCatalogView, ChannelResult } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { CarrierCatalogPanel } from './CarrierCatalogPanel';
import { ChoiceRulesEditor } from './ChoiceRulesEditor';
import { TrackingRangesPanel } from './TrackingRangesPanel';
import { useCarrierApi } from './use-carrier-api';

/**
 * The supervisor's carriers and tracking numbers: the service catalogue, the number ranges and
 * the rules that pick a service. Every change here moves money or tracking numbers, so the
 * station refuses them from anyone else; the section is not even shown to a packer.
 */
export function CarrierSettings() {
  const supervisor = useAppStore((state) => state.operator?.role === 'supervisor');
  return supervisor ? <CarrierSections /> : null;
}

function CarrierSections() {
  const { t, describe } = useI18n();
  const api = useCarrierApi();
  const [catalog, setCatalog] = useState<CarrierCatalogView | null>(null);
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);

  const show = useCallback((answer: ChannelResult<'carriers:list'>) => {
    if (answer.ok) {
      setCatalog(answer.value);
      setLoadError(null);
    } else {
      setLoadError(answer.error);
    }
  }, []);

  const reload = useCallback(async () => show(await api['carriers:list']({})), [api, show]);

  useEffect(() => {
    // An answer that arrives after the tab was left is dropped, not shown on a screen that is gone.
    let open = true;
    void api['carriers:list']({}).then((answer) => {
      if (open) show(answer);
    });
    return () => {
      open = false;
    };
  }, [api, show]);

  return (
    <section className="carrier-settings" data-testid="carrier-settings" aria-labelledby="carrier-settings-title">
      <h2 id="carrier-settings-title">{t('settings.carriers.title')}</h2>
      {loadError ? (
        <div className="inline-error" role="alert" data-testid="carrier-load-error">
          <p>{describe(loadError)}</p>
          <button type="button" onClick={() => void reload()}>
            {t('settings.carriers.retry')}
          </button>
        </div>
      ) : null}
      {catalog === null ? (
        loadError ? null : <p className="hint">{t('app.loading')}</p>
      ) : (
        <>
          <CarrierCatalogPanel api={api} services={catalog.services} onCatalog={setCatalog} onReload={reload} />
          <TrackingRangesPanel api={api} catalog={catalog} onCatalog={setCatalog} onReload={reload} />
        </>
      )}
      <ChoiceRulesEditor serviceIds={catalog?.services.map((service) => service.id) ?? []} />
    </section>
  );
}
