import type { Reason } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { MessageKey } from '../../i18n/translate';

export type ReasonProblem = { key: MessageKey; params?: Record<string, string> };

/** Why a reason list cannot be saved as it is, or null. */
export function reasonListProblem(reasons: readonly Reason[]): ReasonProblem | null {
  if (reasons.length === 0) return { key: 'settings.reasons.atLeastOne' };
  if (reasons.some((reason) => reason.code.trim() === '' || reason.en.trim() === '' || reason.zh.trim() === '')) {
    return { key: 'settings.reasons.incomplete' };
  }
  const seen = new Set<string>();
  for (const reason of reasons) {
    const code = reason.code.trim();
    if (seen.has(code)) return { key: 'settings.reasons.duplicate', params: { code } };
    seen.add(code);
  }
  return null;
}

export function trimReasons(reasons: readonly Reason[]): Reason[] {
  return reasons.map((reason) => ({ code: reason.code.trim(), en: reason.en.trim(), zh: reason.zh.trim() }));
}

const COLUMNS = [
  { field: 'code', label: 'settings.reasons.code', lang: undefined },
  { field: 'en', label: 'settings.reasons.en', lang: 'en' },
  { field: 'zh', label: 'settings.reasons.zh', lang: 'zh-CN' },
] as const;

/** Rows of code, English and 中文, each removable, and a button for one more. */
export function ReasonListEditor({
  title,
  testId,
  reasons,
  onChange,
}: {
  title: MessageKey;
  testId: string;
  reasons: Reason[];
  onChange: (reasons: Reason[]) => void;
}) {
  const { t } = useI18n();
  const editRow = (index: number, field: keyof Reason, value: string) =>
    onChange(reasons.map((reason, at) => (at === index ? { ...reason, [field]: value } : reason)));
  return (
    <fieldset className="settings-group reason-list" data-testid={testId}>
      <legend>{t(title)}</legend>
      <table className="reason-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.field} scope="col">
                {t(column.label)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('settings.reasons.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reasons.map((reason, index) => (
            // Rows have no id of their own (the code is typed in later); the position is it, and
            // the inputs are controlled, so removing a row cannot leave text in the wrong one.
            <tr key={index} data-testid={`${testId}-row`}>
              {COLUMNS.map((column) => (
                <td key={column.field}>
                  <input
                    type="text"
                    autoComplete="off"
                    lang={column.lang}
                    aria-label={`${t(column.label)} ${index + 1}`}
                    data-testid={`${testId}-${column.field}-${index}`}
                    value={reason[column.field]}
                    onChange={(event) => editRow(index, column.field, event.target.value)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  data-testid={`${testId}-remove-${index}`}
                  aria-label={`${t('settings.reasons.remove')} ${reason.code}`}
                  onClick={() => onChange(reasons.filter((_, at) => at !== index))}
                >
                  ✖ {t('settings.reasons.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid={`${testId}-add`} onClick={() => onChange([...reasons, { code: '', en: '', zh: '' }])}>
        + {t('settings.reasons.add')}
      </button>
    </fieldset>
  );
}
