import { useState } from 'react';
import type { ImportJob } from '../../../shared/contract';
import { rowErrorAsProblem } from '../i18n/describe';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

type Kind = ImportJob['kind'];

/** Reads a report or catalogue file as text and hands it to the station's importer. */
export function ImportPanel() {
  const { t, describe } = useI18n();
  const job = useAppStore((state) => state.importJob);
  const importError = useAppStore((state) => state.importError);
  const startImport = useAppStore((state) => state.startImport);
  const [kind, setKind] = useState<Kind>('orders');
  const [file, setFile] = useState<File | null>(null);
  const [noFile, setNoFile] = useState(false);
  const [dragging, setDragging] = useState(false);

  const running = job?.state === 'running';

  const start = async () => {
    if (file === null) {
      setNoFile(true);
      return;
    }
    setNoFile(false);
    const content = await file.text();
    await startImport({ kind, fileName: file.name, content });
  };

  return (
    <section
      className={`import-panel${dragging ? ' dragging' : ''}`}
      data-testid="import-panel"
      aria-labelledby="import-title"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const dropped = event.dataTransfer.files[0];
        if (dropped) {
          setFile(dropped);
          setNoFile(false);
        }
      }}
    >
      <h2 id="import-title">{t('import.title')}</h2>
      <div className="import-controls">
        <label className="settings-field">
          <span>{t('import.kind')}</span>
          <select data-testid="import-kind" value={kind} onChange={(event) => setKind(event.target.value === 'catalog' ? 'catalog' : 'orders')}>
            <option value="orders">{t('import.kind.orders')}</option>
            <option value="catalog">{t('import.kind.catalog')}</option>
          </select>
        </label>
        <label className="settings-field file-field">
          <span className="file-button">{t('import.choose')}</span>
          <input
            data-testid="import-file"
            className="visually-hidden"
            type="file"
            accept=".txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setNoFile(false);
            }}
          />
        </label>
        <p className="hint">{t('import.drop')}</p>
        {file ? <p data-testid="import-file-name">{t('import.chosen', { file: file.name })}</p> : null}
        <button type="button" className="big-button" data-testid="import-start" disabled={running} onClick={() => void start()}>
          {t('import.start')}
        </button>
        {noFile ? (
          <p className="inline-error" role="alert">
            {t('import.noFile')}
          </p>
        ) : null}
      </div>
      {importError ? (
        <p className="inline-error" role="alert" data-testid="import-error">
          {describe(importError)}
        </p>
      ) : null}
      {job ? <ImportProgress job={job} /> : null}
    </section>
  );
}

function ImportProgress({ job }: { job: ImportJob }) {
  const { t, describe } = useI18n();
  return (
    <div className="import-status" data-testid="import-status" data-state={job.state}>
      <p>
        {job.state === 'running'
          ? t('import.running', { file: job.fileName })
          : job.state === 'done'
            ? `✔ ${t('import.done', { file: job.fileName })}`
            : `✖ ${t('import.failed', { file: job.fileName })}`}
      </p>
      {job.state !== 'failed' ? (
        <>
          <progress data-testid="import-progress" max={Math.max(job.total, 1)} value={job.processed} />
          <span className="import-count">{t('import.progress', { processed: job.processed, total: job.total })}</span>
        </>
      ) : null}
      {job.error ? (
        <p className="inline-error" role="alert">
          {describe(job.error)}
        </p>
      ) : null}
      {job.state === 'done' ? (
        <ul className="import-summary" data-testid="import-summary">
          <li>{t('import.summary.inserted', { count: job.inserted })}</li>
          <li>{t('import.summary.updated', { count: job.updated })}</li>
          <li>{t('import.summary.unchanged', { count: job.unchanged })}</li>
          <li>{t('import.summary.skipped', { count: job.skipped })}</li>
        </ul>
      ) : null}
      {job.rowErrors.length > 0 ? (
        <>
          <h3>{t('import.rowErrors', { count: job.rowErrors.length })}</h3>
          <table className="row-errors">
            <tbody>
              {job.rowErrors.map((row, index) => (
                <tr key={`${row.line}-${index}`} data-testid="import-row-error" data-code={row.code}>
                  <td className="row-line">{row.line > 0 ? t('import.line', { line: row.line }) : t('import.noLine')}</td>
                  <td>{describe(rowErrorAsProblem(row))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
