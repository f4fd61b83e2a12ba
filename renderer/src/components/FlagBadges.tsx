import type { OrderSummary } from '../../../shared/contract';
import { useI18n } from '../i18n/use-i18n';

const ICONS: Record<OrderSummary['flags'][number], string> = {
  lithium: '⚡',
  'dangerous-goods': '☢',
  'high-value': '◆',
  'buyer-cancel-request': '✉',
  'on-hold': '‖',
};

export function FlagBadges({ flags }: { flags: OrderSummary['flags'] }) {
  const { t } = useI18n();
  return (
    <span className="flags">
      {flags.map((flag) => (
        <span key={flag} className={`flag flag-${flag}`} data-flag={flag}>
          <span aria-hidden="true">{ICONS[flag]}</span> {t(`flag.${flag}`)}
        </span>
      ))}
    </span>
  );
}

export function ServiceLevel({ level, isPrime }: { level: string | null; isPrime: boolean }) {
  const { t } = useI18n();
  return (
    <span className="service-level">
      {level ?? ''}
      {isPrime ? <span className="prime">{t('service.prime')}</span> : null}
    </span>
  );
}
