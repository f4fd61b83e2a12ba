import { useMemo } from 'react';
import type { Language } from '../../../shared/contract';
import { useAppStore } from '../store/store-context';
import { describeProblem } from './describe';
import type { Problem } from './describe';
import { DEFAULT_LANGUAGE, translatorFor } from './translate';
import type { Translate } from './translate';

export type I18n = { language: Language; t: Translate; describe: (problem: Problem) => string };

export function useLanguage(): Language {
  return useAppStore((state) => state.settings?.language ?? DEFAULT_LANGUAGE);
}

/** Every visible string goes through `t` (keys) or `describe` (codes from the station). */
export function useI18n(): I18n {
  const language = useLanguage();
  return useMemo(
    () => ({ language, t: translatorFor(language), describe: (problem: Problem) => describeProblem(language, problem) }),
    [language],
  );
}
