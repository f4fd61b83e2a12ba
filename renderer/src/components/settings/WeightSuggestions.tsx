import { useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../../shared/contract';
import { formatKg } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/**
 * Catalogue weights that accepted packages say are off, for a supervisor to apply one by one.
 * Nothing here changes the catalogue by itself: a wrong correction would make every later
 * package of that SKU look right when it is not.
 */
export function WeightSuggestions() {
  const { t, describe } = useI18n();
  const supervisor = useAppStore((state) => state.operator?.role === 'supervisor');
  const suggestions = useAppStore((state) => state.weightSuggestions);
  const loadError = useAppStore((state) => state.weightSuggestionsError);
  const load = useAppStore((state) => state.loadWeightSuggestions);
  const apply = useAppStore((state) => state.applyWeightSuggestion);
  const pushToast = useAppStore((state) => state.pushToast);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    if (supervisor) void load();
  }, [supervisor, load]);

  return (
    <section className="settings-group weight-suggestions" data-testid="weight-suggestions" aria-labelledby="weight-suggestions-title">
      <h2 id="weight-suggestions-title">{t('settings.weightSuggestions.title')}</h2>
      {!supervisor ? (
        <p className="hint">{t('settings.weightSuggestions.supervisorOnly')}</p>
      ) : (
        <>
          <p className="hint">{t('settings.weightSuggestions.hint')}</p>
          {suggestions.length === 0 ? <p className="hint">{t('settings.weightSuggestions.none')}</p> : null}
          <ul>
            {suggestions.map((suggestion) => (
              <li key={suggestion.sku} data-testid="weight-suggestion" data-sku={suggestion.sku}>
                {t('settings.weightSuggestions.row', {
                  sku: suggestion.sku,
                  catalogue: suggestion.catalogueG === null ? t('settings.weightSuggestions.unknown') : formatKg(suggestion.catalogueG),
                  suggested: formatKg(suggestion.suggestedG),
                  samples: suggestion.samples,
                })}{' '}
                <button
                  type="button"
                  data-testid={`weight-suggestion-apply-${suggestion.sku}`}
                  onClick={() =>
                    void apply(suggestion.sku, suggestion.suggestedG).then((refused) => {
                      setError(refused);
                      if (refused === null) pushToast('settings.weightSuggestions.applied', { sku: suggestion.sku, weight: formatKg(suggestion.suggestedG) });
                    })
                  }
                >
                  {t('settings.weightSuggestions.apply')}
                </button>
              </li>
            ))}
          </ul>
          {(error ?? loadError) !== null ? (
            <p className="inline-error" role="alert">
              {describe((error ?? loadError) as AppErrorShape)}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
