import type { ReactNode } from 'react';
import type { Problem } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';

export type MissingField = 'reason' | 'quantity' | 'supervisor';

/**
 * The frame both override dialogs share: a modal that Escape closes (without acknowledging the
 * red message behind it), the "what is missing" and "what the station refused" lines, and
 * Cancel / submit. Test ids are `<testIdPrefix>-dialog`, `-missing`, `-error`, `-cancel`, `-submit`.
 */
export function OverrideDialogFrame(props: {
  testIdPrefix: string;
  title: string;
  missing: MissingField | null;
  problem: Problem | null;
  busy: boolean;
  submitLabel: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t, describe } = useI18n();
  const { testIdPrefix: id } = props;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog override-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={`${id}-dialog`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            props.onClose();
          }
        }}
      >
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.children}
        {props.missing !== null ? (
          <p className="inline-error" role="alert" data-testid={`${id}-missing`}>
            {t(`override.missing.${props.missing}`)}
          </p>
        ) : null}
        {props.problem !== null ? (
          <p className="inline-error" role="alert" data-testid={`${id}-error`} data-code={props.problem.code}>
            ✖ {describe(props.problem)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="big-button" data-testid={`${id}-cancel`} onClick={props.onClose}>
            {t('override.cancel')}
          </button>
          <button type="button" className="big-button primary" data-testid={`${id}-submit`} disabled={props.busy} onClick={props.onSubmit}>
            {props.submitLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
