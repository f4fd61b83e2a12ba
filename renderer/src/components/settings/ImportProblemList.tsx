import type { CatalogImportResult } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';

export type CatalogProblem = CatalogImportResult['errors'][number];

/**
 * Problems of a catalogue file (or of one service being edited), each with where it is (file,
 * line, field path or column) and what is wrong in the station's language. Errors and
 * warnings are separate lists: a warning changes nothing, an error stops the whole import.
 */
export function ImportProblemList({ problems, kind, testId }: { problems: readonly CatalogProblem[]; kind: 'error' | 'warning'; testId: string }) {
  const { t, describe } = useI18n();
  if (problems.length === 0) return null;
  return (
    <div className={`carrier-problems ${kind}`} data-testid={`${testId}-list`}>
      <h4>
        <span aria-hidden="true">{kind === 'error' ? '✖ ' : '⚠ '}</span>
        {kind === 'error' ? t('settings.carriers.problems.errors', { count: problems.length }) : t('settings.carriers.problems.warnings', { count: problems.length })}
      </h4>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.code}-${problem.line ?? ''}-${problem.path ?? ''}-${index}`} data-testid={testId} data-code={problem.code}>
            <span className="problem-where">
              {[
                problem.file ? t(`settings.carriers.problems.file.${problem.file}`) : null,
                problem.line !== undefined ? t('settings.carriers.problems.line', { line: problem.line }) : null,
              ]
                .filter((part) => part !== null)
                .join(' · ')}
              {problem.path ? <code className="problem-path">{problem.path}</code> : null}
            </span>
            <span className="problem-text">{describe(problem)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
