import type { Language } from '../../../shared/contract';
import { en } from './en';
import type { MessageKey } from './en';
import { zhCN } from './zh-cn';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const dictionaries: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The bench ships set to Chinese; English is one click away in Settings. */
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const PLACEHOLDER = /\{(\w+)\}/g;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * Fills the text for `key`, or returns null when a placeholder has no value: a message with
 * "{sku}" left in it reads as a bug, and the caller usually has a better fallback.
 */
export function translateStrict(language: Language, key: MessageKey, params: Params = {}): string | null {
  const template = dictionaries[language][key];
  let missing = false;
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) {
      missing = true;
      return whole;
    }
    return String(value);
  });
  return missing ? null : text;
}

export function translate(language: Language, key: MessageKey, params: Params = {}): string {
  return translateStrict(language, key, params) ?? dictionaries[language][key];
}

export function translatorFor(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
