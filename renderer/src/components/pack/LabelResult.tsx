import { useState } from 'react';
import type { RefObject } from 'react';
import type { ChannelOutput, PackView, PrintableDocument } from '../../../../shared/contract';
import { downloadBase64File } from '../../dom/download-file';
import { printErrorKey } from '../../format/print-error';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { LabelPreview } from './LabelPreview';
import { PrinterStatusCheck } from './PrinterStatusCheck';

// The host's CSP (default-src 'self', object-src 'none') refuses blob: frames and objects, so
// the preview is drawn as SVG from the station's label model; the files are downloads.

export function LabelResult({ view, nextRef }: { view: PackView; nextRef: RefObject<HTMLButtonElement | null> }) {
  const { t } = useI18n();
  const busy = useAppStore((state) => state.packBusy);
  const retryPrint = useAppStore((state) => state.retryPrint);
  const fetchLabel = useAppStore((state) => state.fetchLabel);
  const documents = useAppStore((state) => state.documentsApi);
  const showPackAlert = useAppStore((state) => state.showPackAlert);
  const closeOrder = useAppStore((state) => state.closeOrder);
  const printDocument = useAppStore((state) => state.printDocument);
  const documentPrinters = useAppStore((state) => state.settings?.documentPrinters ?? null);
  const print = view.print;
  const state = print?.state ?? 'none';

  const download = async (format: 'zpl' | 'pdf') => {
    const doc = await fetchLabel(format);
    if (doc) downloadBase64File(doc);
  };

  const downloadDocument = async (doc: 'slip' | 'customs') => {
    const result = await documents['documents:get']({ orderId: view.order.orderId, doc, format: 'pdf' });
    if (result.ok) downloadBase64File(result.value);
    else showPackAlert(result.error);
  };
  const [preview, setPreview] = useState<ChannelOutput<'documents:preview'> | null>(null);
  const togglePreview = async () => {
    if (preview) return setPreview(null);
    const result = await documents['documents:preview']({ orderId: view.order.orderId });
    if (result.ok) setPreview(result.value);
    else showPackAlert(result.error);
  };
  // The station prints a CN22/CN23 for postal parcels; express parcels travel on an invoice.
  const postalCustoms = view.customsForm === 'CN22' || view.customsForm === 'CN23';

  return (
    <section className="pack-step label-result" aria-labelledby="tracking-title">
      <h2 id="tracking-title">{t('pack.tracking')}</h2>
      <p className="tracking-number" data-testid="tracking-number">
        {view.package.trackingNumber}
      </p>
      <div className={`print-state print-${state}`} data-testid="print-state" data-state={state}>
        <strong>
          {state === 'printed' ? '✔ ' : state === 'failed' ? '✖ ' : ''}
          {t(`pack.printState.${state}`)}
        </strong>
        {print ? <span className="print-target">{t('pack.print.target', { target: print.target, attempts: print.attempts })}</span> : null}
        {print?.error ? (
          <span className="print-error" data-testid="print-error">
            {t(printErrorKey(print.error))}
            <small className="print-error-detail">{print.error}</small>
          </span>
        ) : null}
      </div>
      {(['slip', 'customs'] as const).map((doc) => {
        const job = view.documentPrints.find((entry) => entry.doc === doc);
        const canPrint = documentPrinters !== null && documentPrinters[doc].mode !== 'off' && (doc === 'slip' || postalCustoms);
        if (!job && !canPrint) return null;
        return <DocumentPrintRow key={doc} doc={doc} job={job ?? null} canPrint={canPrint} busy={busy} onPrint={() => void printDocument(doc)} />;
      })}
      <div className="label-actions">
        {state === 'failed' ? (
          <>
            <button type="button" ref={nextRef} className="big-button danger" data-testid="retry-print" disabled={busy} onClick={() => void retryPrint()}>
              {t('pack.print.retry')}
            </button>
            <PrinterStatusCheck />
          </>
        ) : null}
        <button type="button" className="big-button" data-testid="download-zpl" onClick={() => void download('zpl')}>
          {t('pack.download.zpl')}
        </button>
        <button type="button" className="big-button" data-testid="download-pdf" onClick={() => void download('pdf')}>
          {t('pack.download.pdf')}
        </button>
        <button type="button" className="big-button" data-testid="show-preview" aria-pressed={preview !== null} onClick={() => void togglePreview()}>
          {t(preview ? 'pack.preview.hide' : 'pack.preview.show')}
        </button>
        <button type="button" className="big-button" data-testid="download-slip" onClick={() => void downloadDocument('slip')}>
          {t('pack.download.slip')}
        </button>
        {postalCustoms ? (
          <button type="button" className="big-button" data-testid="download-customs" onClick={() => void downloadDocument('customs')}>
            {t('pack.download.customs', { form: view.customsForm ?? '' })}
          </button>
        ) : null}
      </div>
      {preview ? (
        <div className="label-previews">
          <LabelPreview model={preview.label} title={t('pack.preview.label')} />
          <LabelPreview model={preview.slip} title={t('pack.preview.slip')} />
        </div>
      ) : null}
      {view.allScanned ? (
        <>
          <button
            type="button"
            ref={state === 'failed' ? undefined : nextRef}
            className="big-button primary next-order"
            data-testid="next-order"
            onClick={closeOrder}
          >
            {t('pack.next')} →
          </button>
          <p className="hint">{t('pack.doneHint')}</p>
        </>
      ) : (
        <p className="hint">{t('pack.label.moreToPack')}</p>
      )}
    </section>
  );
}

type DocumentJob = PackView['documentPrints'][number];

/** One document's print state under the label's: what happened, why it failed, and its button. */
function DocumentPrintRow({ doc, job, canPrint, busy, onPrint }: { doc: PrintableDocument; job: DocumentJob | null; canPrint: boolean; busy: boolean; onPrint: () => void }) {
  const { t } = useI18n();
  const state = job?.state ?? 'none';
  const name = t(`pack.doc.${doc}`);
  return (
    <div className={`print-state document-print print-${state}`} data-testid={`doc-print-${doc}`} data-state={state}>
      <strong>
        {state === 'printed' ? '✔ ' : state === 'failed' ? '✖ ' : ''}
        {t('pack.doc.state', { doc: name, state: t(`pack.printState.${state}`) })}
      </strong>
      {job ? <span className="print-target">{t('pack.print.target', { target: job.target, attempts: job.attempts })}</span> : null}
      {job?.error ? (
        <span className="print-error" data-testid={`doc-print-${doc}-error`}>
          {t(printErrorKey(job.error))}
          <small className="print-error-detail">{job.error}</small>
        </span>
      ) : null}
      {canPrint ? (
        <button type="button" className={`big-button${state === 'failed' ? ' danger' : ''}`} data-testid={`doc-print-${doc}-button`} disabled={busy} onClick={onPrint}>
          {t(job ? 'pack.doc.printAgain' : 'pack.doc.print', { doc: name })}
        </button>
      ) : null}
    </div>
  );
}
