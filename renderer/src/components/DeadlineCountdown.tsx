import { countdownText, formatDeadline, urgencyOf } from '../format/deadline';
import { useI18n } from '../i18n/use-i18n';

/** The ship-by time, a live countdown, and a worded marker so urgency is not colour alone. */
export function DeadlineCountdown({ deadline, now }: { deadline: string | null; now: number }) {
  const { t, language } = useI18n();
  const urgency = urgencyOf(deadline, now);
  return (
    <span className={`deadline urgency-${urgency}`} data-testid="deadline" data-urgency={urgency}>
      {urgency === 'overdue' ? (
        <span className="urgency-marker" data-testid="urgency-marker">
          ⚠ {t('urgency.overdue')}
        </span>
      ) : null}
      {urgency === 'today' ? (
        <span className="urgency-marker" data-testid="urgency-marker">
          ◷ {t('urgency.today')}
        </span>
      ) : null}
      {deadline !== null ? <span className="deadline-time">{formatDeadline(deadline, language)}</span> : null}
      <span className="countdown" data-testid="countdown">
        {countdownText(t, deadline, now)}
      </span>
    </span>
  );
}
