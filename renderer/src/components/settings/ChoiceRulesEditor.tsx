import { useRef, useState } from 'react';
import type { AppErrorShape, Reason, Settings, SettingsPatch } from '../../../../shared/contract';
import { SERVICE_SPEEDS } from '../../../../shared/domain/carrier-catalog';
import type { ServiceSpeed } from '../../../../shared/domain/carrier-catalog';
import { checkChoiceRules } from '../../../../shared/domain/service-choice';
import type { ChoiceRule } from '../../../../shared/domain/service-choice';
import type { MessageKey, Params } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { decimalOf, listOf, wholeOf } from './carrier-format';
import { ReasonListEditor, reasonListProblem, trimReasons } from './ReasonListEditor';

// The bench's rules for proposing a service, in order (the first that matches applies), with
// the currency costs are compared in, the station's closed days and the reasons a packer can
// give for taking another service. All of it is one settings patch, saved with one button.

type Prime = 'any' | 'yes' | 'no';

type RuleDraft = {
  /** Stable across moves, so a row keeps its DOM node (and the focus) when it moves. */
  uid: number;
  id: string;
  minWeightG: string;
  maxWeightG: string;
  serviceLevels: string;
  prime: Prime;
  countries: string;
  network: '' | 'postal' | 'express';
  minSpeed: '' | ServiceSpeed;
  services: string;
};

type RateRow = { currency: string; rate: string };

type Draft = {
  rules: RuleDraft[];
  currency: string;
  rates: RateRow[];
  holidays: string;
  reasons: Reason[];
};

/** Ship service levels may hold spaces ("Second Day"), so only commas and lines separate them. */
const LEVEL_SEPARATORS = /[,，;；\n]+/;

function ruleDraftOf(rule: ChoiceRule, uid: number): RuleDraft {
  return {
    uid,
    id: rule.id,
    minWeightG: rule.when.minWeightG === undefined ? '' : String(rule.when.minWeightG),
    maxWeightG: rule.when.maxWeightG === undefined ? '' : String(rule.when.maxWeightG),
    serviceLevels: (rule.when.serviceLevels ?? []).join(', '),
    prime: rule.when.prime === undefined ? 'any' : rule.when.prime ? 'yes' : 'no',
    countries: (rule.when.countries ?? []).join(', '),
    network: rule.require.network ?? '',
    minSpeed: rule.require.minSpeed ?? '',
    services: (rule.require.services ?? []).join(', '),
  };
}

function draftOf(settings: Settings): Draft {
  return {
    rules: settings.choice.rules.map((rule, index) => ruleDraftOf(rule, index)),
    currency: settings.choice.currency,
    rates: Object.entries(settings.choice.exchangeRates).map(([currency, rate]) => ({ currency, rate: String(rate) })),
    holidays: settings.choice.holidays.join('\n'),
    reasons: settings.serviceOverrideReasons.map((reason) => ({ ...reason })),
  };
}

type Local = { key: MessageKey; params?: Params };
type Built<T> = { ok: true; value: T } | { ok: false; problem: Local };

/** One rule as the station stores it: conditions and requirements left empty are left out. */
function ruleOf(draft: RuleDraft, n: number): Built<ChoiceRule> {
  const id = draft.id.trim();
  if (id === '') return { ok: false, problem: { key: 'settings.carriers.rules.needId', params: { n } } };
  const when: ChoiceRule['when'] = {};
  for (const key of ['minWeightG', 'maxWeightG'] as const) {
    if (draft[key].trim() === '') continue;
    const grams = wholeOf(draft[key]);
    if (grams === null) return { ok: false, problem: { key: 'settings.carriers.rules.notGrams', params: { n, id } } };
    when[key] = grams;
  }
  if (when.minWeightG !== undefined && when.maxWeightG !== undefined && when.minWeightG > when.maxWeightG) {
    return { ok: false, problem: { key: 'settings.carriers.rules.minOverMax', params: { n, id } } };
  }
  const levels = listOf(draft.serviceLevels, LEVEL_SEPARATORS);
  if (levels.length > 0) when.serviceLevels = levels;
  if (draft.prime !== 'any') when.prime = draft.prime === 'yes';
  const countries = listOf(draft.countries).map((country) => country.toUpperCase());
  const badCountry = countries.find((country) => !/^[A-Z]{2}$/.test(country));
  if (badCountry !== undefined) return { ok: false, problem: { key: 'settings.carriers.rules.badCountry', params: { n, id, country: badCountry } } };
  if (countries.length > 0) when.countries = countries;
  const require: ChoiceRule['require'] = {};
  if (draft.network !== '') require.network = draft.network;
  if (draft.minSpeed !== '') require.minSpeed = draft.minSpeed;
  const services = listOf(draft.services).map((service) => service.toUpperCase());
  if (services.length > 0) require.services = services;
  if (Object.keys(require).length === 0) return { ok: false, problem: { key: 'settings.carriers.rules.needRequirement', params: { n, id } } };
  return { ok: true, value: { id, when, require } };
}

function patchOf(draft: Draft): Built<SettingsPatch> {
  const rules: ChoiceRule[] = [];
  const ids = new Set<string>();
  for (const [index, ruleDraft] of draft.rules.entries()) {
    const built = ruleOf(ruleDraft, index + 1);
    if (!built.ok) return built;
    if (ids.has(built.value.id)) return { ok: false, problem: { key: 'settings.carriers.rules.duplicateId', params: { id: built.value.id } } };
    ids.add(built.value.id);
    rules.push(built.value);
  }
  // The shared check is the station's own; anything it finds that the fields above did not is
  // shown with its path and English text rather than saved and refused.
  const checked = checkChoiceRules(rules);
  if (!checked.ok) {
    const [first] = checked.errors;
    return { ok: false, problem: { key: 'settings.carriers.rules.invalid', params: { path: first?.path ?? '', message: first?.message ?? '' } } };
  }
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, problem: { key: 'settings.carriers.money.badCurrency', params: { currency } } };
  const exchangeRates: Record<string, number> = {};
  for (const row of draft.rates) {
    const code = row.currency.trim().toUpperCase();
    if (code === '' && row.rate.trim() === '') continue;
    const rate = decimalOf(row.rate);
    if (!/^[A-Z]{3}$/.test(code) || rate === null || rate <= 0) return { ok: false, problem: { key: 'settings.carriers.money.badRate', params: { currency: code } } };
    exchangeRates[code] = rate;
  }
  const holidays = listOf(draft.holidays);
  const badDate = holidays.find((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date));
  if (badDate !== undefined) return { ok: false, problem: { key: 'settings.carriers.holidays.bad', params: { date: badDate } } };
  const reasonProblem = reasonListProblem(draft.reasons);
  if (reasonProblem) return { ok: false, problem: reasonProblem };
  return {
    ok: true,
    value: { choice: { rules, currency, exchangeRates, holidays: [...new Set(holidays)].sort() }, serviceOverrideReasons: trimReasons(draft.reasons) },
  };
}

export function ChoiceRulesEditor({ serviceIds }: { serviceIds: readonly string[] }) {
  const { t } = useI18n();
  const settings = useAppStore((state) => state.settings);
  if (settings === null) return <p className="hint">{t('app.loading')}</p>;
  return <ChoiceForm settings={settings} serviceIds={serviceIds} />;
}

function ChoiceForm({ settings, serviceIds }: { settings: Settings; serviceIds: readonly string[] }) {
  const { t, describe } = useI18n();
  const updateSettings = useAppStore((state) => state.updateSettings);
  const pushToast = useAppStore((state) => state.pushToast);
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [local, setLocal] = useState<Local | null>(null);
  const [refused, setRefused] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const nextUid = useRef(settings.choice.rules.length);
  // The rule just added: its id field takes the focus as soon as it is on the screen.
  const focusRule = useRef<number | null>(null);

  const editRule = (uid: number, patch: Partial<RuleDraft>) =>
    setDraft((current) => ({ ...current, rules: current.rules.map((rule) => (rule.uid === uid ? { ...rule, ...patch } : rule)) }));

  const move = (index: number, step: -1 | 1) =>
    setDraft((current) => {
      const target = index + step;
      if (target < 0 || target >= current.rules.length) return current;
      const rules = [...current.rules];
      const [moved] = rules.splice(index, 1);
      if (moved) rules.splice(target, 0, moved);
      return { ...current, rules };
    });

  const addRule = () => {
    const uid = nextUid.current;
    nextUid.current += 1;
    setDraft((current) => ({
      ...current,
      rules: [...current.rules, { uid, id: '', minWeightG: '', maxWeightG: '', serviceLevels: '', prime: 'any', countries: '', network: '', minSpeed: '', services: '' }],
    }));
    focusRule.current = uid;
  };

  const save = async () => {
    const built = patchOf(draft);
    if (!built.ok) {
      setRefused(null);
      return setLocal(built.problem);
    }
    setLocal(null);
    setSaving(true);
    const error = await updateSettings(built.value);
    setSaving(false);
    setRefused(error);
    if (error === null) pushToast('settings.saved');
  };

  return (
    <form
      className="settings-group choice-rules"
      data-testid="choice-rules"
      aria-labelledby="choice-rules-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id="choice-rules-title">{t('settings.carriers.rules.title')}</h3>
      <p className="hint">{t('settings.carriers.rules.hint')}</p>
      {draft.rules.length === 0 ? <p className="hint">{t('settings.carriers.rules.none')}</p> : null}
      <ol className="rule-list">
        {draft.rules.map((rule, index) => {
          const n = index + 1;
          const name = rule.id.trim() === '' ? t('settings.carriers.rules.unnamed') : rule.id;
          const field = (key: 'id' | 'minWeightG' | 'maxWeightG' | 'serviceLevels' | 'countries' | 'services', label: MessageKey, hint?: MessageKey) => (
            <label className="settings-field">
              <span>{t(label)}</span>
              <input
                type="text"
                autoComplete="off"
                data-testid={`rule-${key}`}
                inputMode={key === 'minWeightG' || key === 'maxWeightG' ? 'numeric' : undefined}
                ref={
                  key === 'id'
                    ? (element) => {
                        if (element === null || focusRule.current !== rule.uid) return;
                        focusRule.current = null;
                        element.focus();
                      }
                    : undefined
                }
                value={rule[key]}
                onChange={(event) => editRule(rule.uid, { [key]: event.target.value })}
              />
              {hint ? <small className="hint">{t(hint)}</small> : null}
            </label>
          );
          return (
            <li key={rule.uid} className="rule-card" data-testid="choice-rule" data-rule={rule.id}>
              <div className="rule-head">
                <h4>{t('settings.carriers.rules.rule', { n, id: name })}</h4>
                <div className="rule-tools">
                  {/* aria-disabled rather than disabled: a button that goes disabled under the
                      focus drops it to the page, and a keyboard user would lose their place. */}
                  <button
                    type="button"
                    data-testid="rule-up"
                    aria-disabled={index === 0}
                    aria-label={t('settings.carriers.rules.upLabel', { n, id: name })}
                    onClick={() => move(index, -1)}
                  >
                    <span aria-hidden="true">↑ </span>
                    {t('settings.carriers.rules.up')}
                  </button>
                  <button
                    type="button"
                    data-testid="rule-down"
                    aria-disabled={index === draft.rules.length - 1}
                    aria-label={t('settings.carriers.rules.downLabel', { n, id: name })}
                    onClick={() => move(index, 1)}
                  >
                    <span aria-hidden="true">↓ </span>
                    {t('settings.carriers.rules.down')}
                  </button>
                  <button
                    type="button"
                    data-testid="rule-remove"
                    aria-label={t('settings.carriers.rules.removeLabel', { n, id: name })}
                    onClick={() => setDraft((current) => ({ ...current, rules: current.rules.filter((other) => other.uid !== rule.uid) }))}
                  >
                    <span aria-hidden="true">✖ </span>
                    {t('settings.carriers.rules.remove')}
                  </button>
                </div>
              </div>
              {field('id', 'settings.carriers.rules.id')}
              <fieldset className="rule-part">
                <legend>{t('settings.carriers.rules.when')}</legend>
                <div className="carrier-fields">
                  {field('minWeightG', 'settings.carriers.rules.minWeight')}
                  {field('maxWeightG', 'settings.carriers.rules.maxWeight')}
                  {field('serviceLevels', 'settings.carriers.rules.serviceLevels', 'settings.carriers.rules.serviceLevelsHint')}
                  <label className="settings-field">
                    <span>{t('settings.carriers.rules.prime')}</span>
                    <select data-testid="rule-prime" value={rule.prime} onChange={(event) => editRule(rule.uid, { prime: event.target.value as Prime })}>
                      <option value="any">{t('settings.carriers.rules.prime.any')}</option>
                      <option value="yes">{t('settings.carriers.rules.prime.yes')}</option>
                      <option value="no">{t('settings.carriers.rules.prime.no')}</option>
                    </select>
                  </label>
                  {field('countries', 'settings.carriers.rules.countries', 'settings.carriers.rules.countriesHint')}
                </div>
              </fieldset>
              <fieldset className="rule-part">
                <legend>{t('settings.carriers.rules.require')}</legend>
                <div className="carrier-fields">
                  <label className="settings-field">
                    <span>{t('settings.carriers.rules.network')}</span>
                    <select
                      data-testid="rule-network"
                      value={rule.network}
                      onChange={(event) => editRule(rule.uid, { network: event.target.value as RuleDraft['network'] })}
                    >
                      <option value="">{t('settings.carriers.rules.anyNetwork')}</option>
                      <option value="postal">{t('choice.network.postal')}</option>
                      <option value="express">{t('choice.network.express')}</option>
                    </select>
                  </label>
                  <label className="settings-field">
                    <span>{t('settings.carriers.rules.minSpeed')}</span>
                    <select
                      data-testid="rule-minSpeed"
                      value={rule.minSpeed}
                      onChange={(event) => editRule(rule.uid, { minSpeed: event.target.value as RuleDraft['minSpeed'] })}
                    >
                      <option value="">{t('settings.carriers.rules.anySpeed')}</option>
                      {SERVICE_SPEEDS.map((speed) => (
                        <option key={speed} value={speed}>
                          {t(`settings.carriers.speed.${speed}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {field('services', 'settings.carriers.rules.services', 'settings.carriers.rules.servicesHint')}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {serviceIds.length > 0 ? <p className="hint">{t('settings.carriers.rules.knownServices', { ids: serviceIds.join(', ') })}</p> : null}
      <button type="button" data-testid="rule-add" onClick={addRule}>
        + {t('settings.carriers.rules.add')}
      </button>

      <fieldset className="settings-group">
        <legend>{t('settings.carriers.money.title')}</legend>
        <label className="settings-field">
          <span>{t('settings.carriers.money.currency')}</span>
          <input
            type="text"
            data-testid="choice-currency"
            autoComplete="off"
            maxLength={3}
            size={4}
            value={draft.currency}
            onChange={(event) => setDraft((current) => ({ ...current, currency: event.target.value.toUpperCase() }))}
          />
        </label>
        <table className="reason-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.carriers.money.rateCurrency')}</th>
              <th scope="col">{t('settings.carriers.money.rate', { currency: draft.currency })}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.carriers.money.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.rates.map((row, index) => (
              <tr key={index} data-testid="choice-rate-row">
                <td>
                  <input
                    aria-label={`${t('settings.carriers.money.rateCurrency')} ${index + 1}`}
                    data-testid="choice-rate-currency"
                    maxLength={3}
                    value={row.currency}
                    onChange={(event) =>
                      setDraft((current) => ({ ...current, rates: current.rates.map((r, at) => (at === index ? { ...r, currency: event.target.value.toUpperCase() } : r)) }))
                    }
                  />
                </td>
                <td>
                  <input
                    aria-label={`${t('settings.carriers.money.rate', { currency: draft.currency })} ${index + 1}`}
                    data-testid="choice-rate-value"
                    inputMode="decimal"
                    value={row.rate}
                    onChange={(event) => setDraft((current) => ({ ...current, rates: current.rates.map((r, at) => (at === index ? { ...r, rate: event.target.value } : r)) }))}
                  />
                </td>
                <td>
                  <button type="button" onClick={() => setDraft((current) => ({ ...current, rates: current.rates.filter((_, at) => at !== index) }))}>
                    {t('settings.carriers.money.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" data-testid="choice-rate-add" onClick={() => setDraft((current) => ({ ...current, rates: [...current.rates, { currency: '', rate: '' }] }))}>
          + {t('settings.carriers.money.add')}
        </button>
      </fieldset>

      <label className="settings-field">
        <span>{t('settings.carriers.holidays.title')}</span>
        <textarea
          data-testid="choice-holidays"
          rows={4}
          placeholder="2026-10-01"
          value={draft.holidays}
          onChange={(event) => setDraft((current) => ({ ...current, holidays: event.target.value }))}
        />
        <small className="hint">{t('settings.carriers.holidays.hint')}</small>
      </label>

      <ReasonListEditor
        title="settings.carriers.overrideReasons"
        testId="settings-service-override-reasons"
        reasons={draft.reasons}
        onChange={(reasons) => setDraft((current) => ({ ...current, reasons }))}
      />

      {local ? (
        <p className="inline-error" role="alert" data-testid="choice-error">
          <span aria-hidden="true">✖ </span>
          {t(local.key, local.params)}
        </p>
      ) : null}
      {refused ? (
        <p className="inline-error" role="alert" data-testid="choice-refused">
          {describe(refused)}
        </p>
      ) : null}
      <button type="submit" className="big-button primary" data-testid="choice-save" disabled={saving}>
        {saving ? t('common.saving') : t('settings.carriers.rules.save')}
      </button>
    </form>
  );
}
