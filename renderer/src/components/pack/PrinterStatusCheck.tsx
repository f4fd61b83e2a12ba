import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

type Status = ChannelOutput<'printer:status'>;

/**
 * After a failed print: asks the label printer what is wrong (paper out, head open, paused),
 * so the packer fixes the printer before pressing Retry. Only raw TCP printers can answer.
 */
export function PrinterStatusCheck() {
  const { t } = useI18n();
  const api = useAppStore((state) => state.documentsApi);
  const [status, setStatus] = useState<Status | null>(null);
  const [asking, setAsking] = useState(false);

  const ask = async () => {
    setAsking(true);
    const result = await api['printer:status']({});
    setAsking(false);
    if (result.ok) setStatus(result.value);
  };

  const text = (() => {
    if (status === null) return null;
    if (!status.supported) return t('printer.status.unsupported');
    if (status.ready && status.problems.length === 0) return `✔ ${t('printer.status.ready')}`;
    return `✖ ${status.problems.map((problem) => t(`printer.problem.${problem}`)).join(' · ')}`;
  })();

  return (
    <div className="printer-status">
      <button type="button" className="big-button" data-testid="printer-status-check" disabled={asking} onClick={() => void ask()}>
        {asking ? t('printer.status.asking') : t('printer.status.check')}
      </button>
      {text ? (
        <strong data-testid="printer-status" data-ready={status?.ready ? 'true' : 'false'}>
          {text}
        </strong>
      ) : null}
    </div>
  );
}
