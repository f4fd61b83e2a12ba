import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AfterSalesView, AppErrorShape, ChannelResult, OrderStatus, ReturnCondition, ReturnDisposition, ReturnReason } from '../../../../shared/contract';
import type { Translate } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

// After-sales of an order that has left the bench: returns (restock or write off), refunds,
// replacements and the buyer's feedback, claims and chargebacks. Every rule (quantities,
// refund limit, who may record what) is the station's; the panel shows its refusals.

const AFTER_SHIPPING: readonly OrderStatus[] = ['packed', 'shipped', 'confirmed'];
const REASONS: readonly ReturnReason[] = ['damaged-in-transit', 'defective', 'wrong-item', 'not-as-described', 'no-longer-needed', 'undeliverable', 'other'];
const CONDITIONS: readonly ReturnCondition[] = ['sellable', 'damaged', 'defective', 'missing'];
const DISPOSITIONS: readonly ReturnDisposition[] = ['restock', 'write-off'];
type Form = 'return' | 'refund' | 'replacement' | 'defect';
type DefectKind = 'feedback' | 'a-to-z-claim' | 'chargeback';
type ClaimStatus = 'open' | 'granted' | 'denied';
type Submit = (call: () => Promise<ChannelResult<'aftersales:get'>>) => Promise<void>;

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function timeText(iso: string, language: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString(language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Minor units as the amount a person reads. Two decimals: the marketplaces' currencies here (USD, GBP, EUR, CNY) all have them. */
function money(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

/** "12.5" or "12.50" → 1250; null when it is not an amount. */
export function parseAmount(text: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (match === null) return null;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return minor > 0 ? minor : null;
}

/** Shown for an order that has left the bench (packed, shipped, confirmed); nothing otherwise. */
/** Whether an order in this status has after-sales (it has left, or is ready to leave, the bench). */
export function hasAfterSales(status: OrderStatus): boolean {
  return AFTER_SHIPPING.includes(status);
}

export function AfterSalesPanel({ orderId, status }: { orderId: string; status: OrderStatus }) {
  return AFTER_SHIPPING.includes(status) ? <AfterSalesRecord orderId={orderId} /> : null;
}

function AfterSalesRecord({ orderId }: { orderId: string }) {
  const { t, language, describe } = useI18n();
  const api = useAppStore((state) => state.afterSalesApi);
  const [record, setRecord] = useState<AfterSalesView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);

  const show = useCallback((result: ChannelResult<'aftersales:get'>) => {
    if (result.ok) {
      setRecord(result.value);
      setError(null);
    } else setError(result.error);
  }, []);
  const load = async () => show(await api['aftersales:get']({ orderId }));

  useEffect(() => {
    let open = true;
    void api['aftersales:get']({ orderId }).then((result) => {
      if (open) show(result);
    });
    return () => {
      open = false;
    };
  }, [api, orderId, show]);

  const submit: Submit = async (call) => {
    const result = await call();
    if (result.ok) {
      setRecord(result.value);
      setError(null);
      setForm(null);
      setSaved(true);
    } else {
      setError(result.error);
      setSaved(false);
    }
  };

  const open = (next: Form) => {
    setForm(next);
    setSaved(false);
    setError(null);
  };

  return (
    <section className="after-sales" data-testid="after-sales" aria-labelledby="after-sales-title">
      <div className="packages-head">
        <h2 id="after-sales-title">{t('afterSales.title')}</h2>
        <button type="button" data-testid="after-sales-refresh" onClick={() => void load()}>
          {t('afterSales.refresh')}
        </button>
      </div>
      {error !== null ? (
        <p className="inline-error" role="alert" data-testid="after-sales-error">
          {describe(error)}
        </p>
      ) : null}
      {saved ? (
        <p className="hint" role="status">
          {t('afterSales.saved')}
        </p>
      ) : null}
      {record === null ? (
        error === null ? (
          <p className="hint">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          {record.replaces !== null ? <p className="hint">{t('afterSales.replacementOf', { orderId: record.replaces })}</p> : null}
          <div className="after-sales-actions">
            {(['return', 'refund', 'replacement', 'defect'] as const).map((kind) => (
              <button key={kind} type="button" data-testid={`after-sales-open-${kind}`} aria-pressed={form === kind} onClick={() => open(kind)}>
                {t(`afterSales.action.${kind}`)}
              </button>
            ))}
          </div>
          {form === 'return' ? <ReturnForm record={record} submit={submit} close={() => setForm(null)} /> : null}
          {form === 'refund' ? <RefundForm record={record} submit={submit} close={() => setForm(null)} /> : null}
          {form === 'replacement' ? <ReplacementForm record={record} submit={submit} close={() => setForm(null)} /> : null}
          {form === 'defect' ? <DefectForm record={record} submit={submit} close={() => setForm(null)} /> : null}
          <RecordList record={record} t={t} language={language} submit={submit} />
        </>
      )}
    </section>
  );
}

type FormProps = { record: AfterSalesView; submit: Submit; close: () => void };

function FormButtons({ close, testId }: { close: () => void; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="after-sales-buttons">
      <button type="submit" className="primary" data-testid={`${testId}-save`}>
        {t('afterSales.save')}
      </button>
      <button type="button" onClick={close}>
        {t('afterSales.cancel')}
      </button>
    </div>
  );
}

function ReturnForm({ record, submit, close }: FormProps) {
  const { t } = useI18n();
  const api = useAppStore((state) => state.afterSalesApi);
  const [reason, setReason] = useState<ReturnReason>('defective');
  const [rma, setRma] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState(() => record.items.map((item) => ({ orderItemId: item.orderItemId, quantity: '', condition: 'sellable' as ReturnCondition, disposition: 'restock' as ReturnDisposition })));
  const [problem, setProblem] = useState(false);
  const change = (index: number, patch: Partial<(typeof lines)[number]>) => setLines((current) => current.map((line, at) => (at === index ? { ...line, ...patch } : line)));

  const save = () => {
    const items = lines.filter((line) => Number(line.quantity) > 0).map((line) => ({ orderItemId: line.orderItemId, quantity: Math.floor(Number(line.quantity)), condition: line.condition, disposition: line.disposition }));
    setProblem(items.length === 0);
    if (items.length === 0) return;
    void submit(() =>
      api['aftersales:return']({ orderId: record.orderId, reason, items, ...(rma.trim() !== '' ? { rma: rma.trim() } : {}), ...(note.trim() !== '' ? { note: note.trim() } : {}) }),
    );
  };

  return (
    <AfterSalesForm testId="return-form" onSave={save}>
      <table className="after-sales-items">
        <thead>
          <tr>
            <th scope="col">{t('afterSales.col.item')}</th>
            <th scope="col">{t('afterSales.col.ordered')}</th>
            <th scope="col">{t('afterSales.col.returned')}</th>
            <th scope="col">{t('afterSales.col.quantity')}</th>
            <th scope="col">{t('afterSales.col.condition')}</th>
            <th scope="col">{t('afterSales.col.disposition')}</th>
          </tr>
        </thead>
        <tbody>
          {record.items.map((item, index) => {
            const line = lines[index];
            if (line === undefined) return null;
            return (
              <tr key={item.orderItemId}>
                <td>
                  {item.sku} · {item.productName}
                </td>
                <td>{item.quantity}</td>
                <td>{item.returned}</td>
                <td>
                  <input
                    type="number"
                    min={0}
                    data-testid={`return-quantity-${item.sku}`}
                    aria-label={`${t('afterSales.col.quantity')} ${item.sku}`}
                    value={line.quantity}
                    onChange={(event) => change(index, { quantity: event.target.value })}
                  />
                </td>
                <td>
                  <select
                    data-testid={`return-condition-${item.sku}`}
                    aria-label={`${t('afterSales.col.condition')} ${item.sku}`}
                    value={line.condition}
                    onChange={(event) => {
                      const condition = event.target.value as ReturnCondition;
                      // A unit that did not come back can only be written off.
                      change(index, condition === 'missing' ? { condition, disposition: 'write-off' } : { condition });
                    }}
                  >
                    {CONDITIONS.map((condition) => (
                      <option key={condition} value={condition}>
                        {t(`afterSales.condition.${condition}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    data-testid={`return-disposition-${item.sku}`}
                    aria-label={`${t('afterSales.col.disposition')} ${item.sku}`}
                    value={line.disposition}
                    onChange={(event) => change(index, { disposition: event.target.value as ReturnDisposition })}
                  >
                    {DISPOSITIONS.map((disposition) => (
                      <option key={disposition} value={disposition} disabled={disposition === 'restock' && line.condition === 'missing'}>
                        {t(`afterSales.disposition.${disposition}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label className="settings-field">
        <span>{t('afterSales.field.reason')}</span>
        <select data-testid="return-reason" value={reason} onChange={(event) => setReason(event.target.value as ReturnReason)}>
          {REASONS.map((code) => (
            <option key={code} value={code}>
              {t(`afterSales.reason.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.rma')}</span>
        <input data-testid="return-rma" maxLength={64} value={rma} onChange={(event) => setRma(event.target.value)} />
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.note')}</span>
        <input data-testid="return-note" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      {problem ? (
        <p className="inline-error" role="alert">
          {t('afterSales.noUnits')}
        </p>
      ) : null}
      <FormButtons close={close} testId="return" />
    </AfterSalesForm>
  );
}

function RefundForm({ record, submit, close }: FormProps) {
  const { t } = useI18n();
  const api = useAppStore((state) => state.afterSalesApi);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(record.orderValue?.currency ?? 'USD');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState(false);

  const save = () => {
    const amountMinor = parseAmount(amount);
    setProblem(amountMinor === null);
    if (amountMinor === null) return;
    void submit(() =>
      api['aftersales:refund']({ orderId: record.orderId, amountMinor, currency: currency.trim().toUpperCase(), reason: reason.trim(), ...(reference.trim() !== '' ? { reference: reference.trim() } : {}) }),
    );
  };

  return (
    <AfterSalesForm testId="refund-form" onSave={save}>
      {record.orderValue !== null ? <p className="hint">{t('afterSales.orderValue', { amount: money(record.orderValue.amountMinor, record.orderValue.currency) })}</p> : null}
      <label className="settings-field">
        <span>{t('afterSales.field.amount', { currency })}</span>
        <input data-testid="refund-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.currency')}</span>
        <input data-testid="refund-currency" maxLength={3} value={currency} onChange={(event) => setCurrency(event.target.value)} />
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.reason')}</span>
        <input data-testid="refund-reason" required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.reference')}</span>
        <input data-testid="refund-reference" maxLength={100} value={reference} onChange={(event) => setReference(event.target.value)} />
      </label>
      {problem ? (
        <p className="inline-error" role="alert">
          {t('afterSales.badAmount')}
        </p>
      ) : null}
      <FormButtons close={close} testId="refund" />
    </AfterSalesForm>
  );
}

function ReplacementForm({ record, submit, close }: FormProps) {
  const { t } = useI18n();
  const api = useAppStore((state) => state.afterSalesApi);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);

  const save = () => {
    const items = record.items.filter((item) => Number(quantities[item.orderItemId] ?? '') > 0).map((item) => ({ orderItemId: item.orderItemId, quantity: Math.floor(Number(quantities[item.orderItemId])) }));
    setProblem(items.length === 0);
    if (items.length === 0) return;
    void submit(() => api['aftersales:replacement']({ orderId: record.orderId, reason: reason.trim(), items }));
  };

  return (
    <AfterSalesForm testId="replacement-form" onSave={save}>
      <table className="after-sales-items">
        <thead>
          <tr>
            <th scope="col">{t('afterSales.col.item')}</th>
            <th scope="col">{t('afterSales.col.ordered')}</th>
            <th scope="col">{t('afterSales.col.quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {record.items.map((item) => (
            <tr key={item.orderItemId}>
              <td>
                {item.sku} · {item.productName}
              </td>
              <td>{item.quantity}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  data-testid={`replacement-quantity-${item.sku}`}
                  aria-label={`${t('afterSales.col.quantity')} ${item.sku}`}
                  value={quantities[item.orderItemId] ?? ''}
                  onChange={(event) => setQuantities((current) => ({ ...current, [item.orderItemId]: event.target.value }))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="settings-field">
        <span>{t('afterSales.field.reason')}</span>
        <input data-testid="replacement-reason" required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      {problem ? (
        <p className="inline-error" role="alert">
          {t('afterSales.noUnits')}
        </p>
      ) : null}
      <FormButtons close={close} testId="replacement" />
    </AfterSalesForm>
  );
}

function DefectForm({ record, submit, close }: FormProps) {
  const { t } = useI18n();
  const api = useAppStore((state) => state.afterSalesApi);
  const [kind, setKind] = useState<DefectKind>('feedback');
  const [rating, setRating] = useState(1);
  const [claimStatus, setClaimStatus] = useState<ClaimStatus>('open');
  const [receivedAt, setReceivedAt] = useState(() => localInput(new Date()));
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');

  const save = () => {
    const common = {
      orderId: record.orderId,
      receivedAt: new Date(receivedAt).toISOString(),
      ...(reference.trim() !== '' ? { reference: reference.trim() } : {}),
      ...(note.trim() !== '' ? { note: note.trim() } : {}),
    };
    void submit(() =>
      api['aftersales:defect'](kind === 'feedback' ? { ...common, kind, rating } : kind === 'a-to-z-claim' ? { ...common, kind, claimStatus } : { ...common, kind }),
    );
  };

  return (
    <AfterSalesForm testId="defect-form" onSave={save}>
      <label className="settings-field">
        <span>{t('afterSales.field.kind')}</span>
        <select data-testid="defect-kind" value={kind} onChange={(event) => setKind(event.target.value as DefectKind)}>
          {(['feedback', 'a-to-z-claim', 'chargeback'] as const).map((code) => (
            <option key={code} value={code}>
              {t(`afterSales.kind.${code}`)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'feedback' ? (
        <label className="settings-field">
          <span>{t('afterSales.field.rating')}</span>
          <select data-testid="defect-rating" value={rating} onChange={(event) => setRating(Number(event.target.value))}>
            {[1, 2, 3, 4, 5].map((stars) => (
              <option key={stars} value={stars}>
                {t('afterSales.defect.rating', { rating: stars })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === 'a-to-z-claim' ? (
        <label className="settings-field">
          <span>{t('afterSales.field.claimStatus')}</span>
          <select data-testid="defect-claim-status" value={claimStatus} onChange={(event) => setClaimStatus(event.target.value as ClaimStatus)}>
            {(['open', 'granted', 'denied'] as const).map((code) => (
              <option key={code} value={code}>
                {t(`afterSales.claim.${code}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="settings-field">
        <span>{t('afterSales.field.receivedAt')}</span>
        <input type="datetime-local" data-testid="defect-received" required value={receivedAt} onChange={(event) => setReceivedAt(event.target.value)} />
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.reference')}</span>
        <input data-testid="defect-reference" maxLength={100} value={reference} onChange={(event) => setReference(event.target.value)} />
      </label>
      <label className="settings-field">
        <span>{t('afterSales.field.note')}</span>
        <input data-testid="defect-note" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <FormButtons close={close} testId="defect" />
    </AfterSalesForm>
  );
}

function RecordList({ record, t, language, submit }: { record: AfterSalesView; t: Translate; language: string; submit: Submit }) {
  const api = useAppStore((state) => state.afterSalesApi);
  const nothing = record.returns.length === 0 && record.refunds.length === 0 && record.replacements.length === 0 && record.defects.length === 0;
  if (nothing) return <p className="hint">{t('afterSales.empty')}</p>;
  const sku = (orderItemId: string) => record.items.find((item) => item.orderItemId === orderItemId)?.sku ?? orderItemId;
  return (
    <div className="after-sales-list">
      {record.returns.length > 0 ? (
        <>
          <h3>{t('afterSales.list.returns')}</h3>
          <ul>
            {record.returns.map((entry) => (
              <li key={entry.id} data-testid="after-sales-return">
                {t('afterSales.return.line', {
                  rma: entry.rma,
                  reason: t(`afterSales.reason.${entry.reason}`),
                  status: t(`afterSales.status.${entry.status}`),
                  time: timeText(entry.receivedAt, language),
                  operator: entry.operator,
                })}
                {entry.note !== null ? ` · ${entry.note}` : ''}
                <ul>
                  {entry.items.map((item) => (
                    <li key={`${item.orderItemId}:${item.condition}`}>
                      {t('afterSales.return.item', {
                        quantity: item.quantity,
                        sku: item.sku !== '' ? item.sku : sku(item.orderItemId),
                        condition: t(`afterSales.condition.${item.condition}`),
                        disposition: t(`afterSales.disposition.${item.disposition}`),
                      })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record.refunds.length > 0 ? (
        <>
          <h3>{t('afterSales.list.refunds')}</h3>
          <ul>
            {record.refunds.map((refund) => (
              <li key={refund.id} data-testid="after-sales-refund">
                {t('afterSales.refund.line', { amount: money(refund.amountMinor, refund.currency), reason: refund.reason, time: timeText(refund.refundedAt, language), operator: refund.operator })}
                {refund.reference !== null ? ` · ${refund.reference}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record.replacements.length > 0 ? (
        <>
          <h3>{t('afterSales.list.replacements')}</h3>
          <ul>
            {record.replacements.map((replacement) => (
              <li key={replacement.replacementOrderId} data-testid="after-sales-replacement">
                {t('afterSales.replacement.line', { orderId: replacement.replacementOrderId, status: t(`status.${replacement.status}`), reason: replacement.reason, operator: replacement.operator })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record.defects.length > 0 ? (
        <>
          <h3>{t('afterSales.list.defects')}</h3>
          <ul>
            {record.defects.map((defect) => (
              <li key={defect.id} data-testid="after-sales-defect">
                {[
                  t(`afterSales.kind.${defect.kind}`),
                  defect.rating !== null ? t('afterSales.defect.rating', { rating: defect.rating }) : null,
                  defect.claimStatus !== null ? t(`afterSales.claim.${defect.claimStatus}`) : null,
                  timeText(defect.receivedAt, language),
                  defect.reference,
                  defect.note,
                  defect.removedAt !== null ? t('afterSales.defect.removed') : null,
                ]
                  .filter((part) => part !== null)
                  .join(' · ')}
                {defect.kind === 'a-to-z-claim' && defect.claimStatus === 'open' ? (
                  <span className="after-sales-claim">
                    {(['granted', 'denied'] as const).map((status) => (
                      <button
                        key={status}
                        type="button"
                        data-testid={`claim-${status}-${defect.id}`}
                        onClick={() => void submit(() => api['aftersales:claimStatus']({ orderId: record.orderId, defectId: defect.id, claimStatus: status }))}
                      >
                        {t(status === 'denied' ? 'afterSales.claim.deny' : 'afterSales.claim.grant')}
                      </button>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** One after-sales form: submitting saves it (Enter in a field included), never a page load. */
function AfterSalesForm({ testId, onSave, children }: { testId: string; onSave: () => void; children: ReactNode }) {
  return (
    <form
      className="after-sales-form"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      {children}
    </form>
  );
}
