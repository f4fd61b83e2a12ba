import type { DocumentPrinter, PrintableDocument, Settings } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';

export type DocumentPrintersDraft = Settings['documentPrinters'];

const MODES: readonly DocumentPrinter['mode'][] = ['off', 'label-printer', 'os', 'folder'];
const PAGES: readonly DocumentPrinter['page'][] = ['4x6', 'a6', 'a4'];

function isMode(value: string): value is DocumentPrinter['mode'] {
  return (MODES as readonly string[]).includes(value);
}

function isPage(value: string): value is DocumentPrinter['page'] {
  return (PAGES as readonly string[]).includes(value);
}

/** Where the packing slip and the customs form print, each on its own profile. */
export function DocumentPrinterFields({ draft, onChange }: { draft: DocumentPrintersDraft; onChange: (next: DocumentPrintersDraft) => void }) {
  const { t } = useI18n();
  const edit = (doc: PrintableDocument, patch: Partial<DocumentPrinter>) => onChange({ ...draft, [doc]: { ...draft[doc], ...patch } });

  return (
    <fieldset className="settings-group" data-testid="settings-document-printers">
      <legend>{t('settings.documents.title')}</legend>
      <p className="hint">{t('settings.documents.hint')}</p>
      {(['slip', 'customs'] as const).map((doc) => {
        const profile = draft[doc];
        return (
          <div key={doc} className="document-printer" data-testid={`settings-doc-${doc}`}>
            <h3>{t(`settings.documents.${doc}`)}</h3>
            <label className="settings-field">
              <span>{t('settings.documents.mode')}</span>
              <select
                data-testid={`settings-doc-${doc}-mode`}
                value={profile.mode}
                onChange={(event) => {
                  if (isMode(event.target.value)) edit(doc, { mode: event.target.value });
                }}
              >
                {MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`settings.documents.mode.${mode}`)}
                  </option>
                ))}
              </select>
            </label>
            {profile.mode === 'os' ? (
              <label className="settings-field">
                <span>{t('settings.documents.osPrinter')}</span>
                <input
                  type="text"
                  autoComplete="off"
                  data-testid={`settings-doc-${doc}-os-printer`}
                  placeholder={t('settings.documents.osPrinter.default')}
                  value={profile.osPrinter}
                  onChange={(event) => edit(doc, { osPrinter: event.target.value })}
                />
              </label>
            ) : null}
            {profile.mode === 'folder' ? (
              <label className="settings-field">
                <span>{t('settings.printer.folder')}</span>
                <input type="text" autoComplete="off" data-testid={`settings-doc-${doc}-folder`} value={profile.folder} onChange={(event) => edit(doc, { folder: event.target.value })} />
              </label>
            ) : null}
            {profile.mode === 'os' || profile.mode === 'folder' ? (
              <label className="settings-field">
                <span>{t('settings.documents.page')}</span>
                <select
                  data-testid={`settings-doc-${doc}-page`}
                  value={profile.page}
                  onChange={(event) => {
                    if (isPage(event.target.value)) edit(doc, { page: event.target.value });
                  }}
                >
                  {PAGES.map((page) => (
                    <option key={page} value={page}>
                      {t(`settings.documents.page.${page}`)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {profile.mode !== 'off' ? (
              <label className="check-field">
                <input type="checkbox" data-testid={`settings-doc-${doc}-after-label`} checked={profile.afterLabel} onChange={(event) => edit(doc, { afterLabel: event.target.checked })} />
                <span>{t(`settings.documents.afterLabel.${doc}`)}</span>
              </label>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
