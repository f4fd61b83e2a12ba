import type { Finding } from '../../../../shared/contract';
import { findingAsProblem } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';

/** Findings in the station's words: red blocks the label, amber only warns. */
export function FindingList({ findings }: { findings: Finding[] }) {
  const { t, describe } = useI18n();
  return (
    <ul className="findings">
      {findings.map((finding, index) => (
        <li
          key={`${finding.code}-${index}`}
          className={`finding finding-${finding.severity}`}
          data-testid="finding"
          data-code={finding.code}
          data-severity={finding.severity}
        >
          <span className="finding-severity">
            {finding.severity === 'block' ? '✖' : '⚠'} {t(`severity.${finding.severity}`)}
          </span>{' '}
          {describe(findingAsProblem(finding))}
        </li>
      ))}
    </ul>
  );
}

export function PackageFindings({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  return (
    <section className="pack-step package-findings" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('pack.findings.title')}</h2>
      {findings.length === 0 ? (
        <p className="ok-text" data-testid="findings-none">
          ✔ {t('pack.findings.none')}
        </p>
      ) : (
        <FindingList findings={findings} />
      )}
    </section>
  );
}
