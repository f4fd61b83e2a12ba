import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOG_ERROR_CODES, CATALOG_WARNING_CODES } from '../../shared/import/carrier-catalog';
import { isMessageKey } from '../../renderer/src/i18n/translate';
import type { FakeStationOptions } from './fake-station';
import { renderBench } from './render-bench';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// Relative to the repository root, where vitest runs: under jsdom import.meta.url is not a file URL.
const fixture = (name: string) => readFileSync(`test/fixtures/${name}`, 'utf8');

/** The bench as a supervisor (Zhang Min) on the Carriers tab. */
async function openCarriers(options: FakeStationOptions = {}) {
  const bench = renderBench({ signedIn: 'Zhang Min', ...options });
  fireEvent.click(await screen.findByTestId('nav-settings'));
  fireEvent.click(await screen.findByTestId('settings-tab-carriers'));
  await screen.findAllByTestId('carrier-service-row');
  return bench;
}

const serviceRow = (id: string) => screen.getAllByTestId('carrier-service-row').find((row) => row.dataset['service'] === id);
const rangeCard = (id: string) => screen.getAllByTestId('range-status').find((card) => card.dataset['service'] === id) as HTMLElement;

function chooseFile(testId: string, name: string, text: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { files: [new File([text], name)] } });
}

describe('who sees the carriers section', () => {
  it('a packer has no Carriers tab, and the bench never asks the station for the catalogue', async () => {
    const { station } = renderBench();
    fireEvent.click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('settings-tab-general');
    expect(screen.queryByTestId('settings-tab-carriers')).toBeNull();
    expect(screen.queryByTestId('carrier-settings')).toBeNull();
    expect(station.calls.some((call) => call.channel.startsWith('carriers:'))).toBe(false);
  });

  it('a supervisor sees every service with its carrier, code, speed, source, cut-off, pickup days, fuel and whether it is active', async () => {
    await openCarriers();
    expect(screen.getAllByTestId('carrier-service-row').map((row) => row.dataset['service'])).toEqual(['CNPOST-REG-SP', 'DHL-EXP-WW', 'YUN-PRE']);
    const post = serviceRow('CNPOST-REG-SP') as HTMLElement;
    expect(post.textContent).toContain('China Post Registered Small Packet');
    expect(post.textContent).toContain('postal · standard');
    expect(post.textContent).toContain('own number ranges');
    expect(post.textContent).toContain('Mon–Sat');
    const dhl = serviceRow('DHL-EXP-WW') as HTMLElement;
    expect(within(dhl).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'DHL Express',
      'DHL',
      'express · priority',
      'own number ranges',
      '17:00',
      'Mon–Fri',
      '26.5 %',
      '✔ yes',
      'Edit',
    ]);
    expect(serviceRow('YUN-PRE')?.textContent).toContain('pre-printed labels');
    expect(serviceRow('YUN-PRE')?.textContent).toContain('✖ no');
  });
});

describe('importing the catalogue', () => {
  it('a good JSON file is saved and its services listed', async () => {
    const { station } = await openCarriers();
    chooseFile('carrier-import-json-file', 'carriers.json', fixture('carriers.json'));
    expect(screen.getByTestId('carrier-import-json-file-name').textContent).toBe('Chosen: carriers.json');
    fireEvent.click(screen.getByTestId('carrier-import-start'));
    const result = await screen.findByTestId('carrier-import-result');
    expect(result.dataset['ok']).toBe('true');
    expect(result.textContent).toContain('Imported: 3 services saved.');
    await waitFor(() => expect(serviceRow('FEDEX-IP')).toBeDefined());
    expect(station.calls.find((call) => call.channel === 'carriers:import')?.input).toEqual({ format: 'json', json: fixture('carriers.json') });
  });

  it('the CSV pair is sent as services and rates', async () => {
    const { station } = await openCarriers();
    fireEvent.click(screen.getByTestId('carrier-import-csv'));
    chooseFile('carrier-import-services-file', 'carrier-services.csv', fixture('carrier-services.csv'));
    chooseFile('carrier-import-rates-file', 'carrier-rates.csv', fixture('carrier-rates.csv'));
    fireEvent.click(screen.getByTestId('carrier-import-start'));
    expect((await screen.findByTestId('carrier-import-result')).textContent).toContain('Imported: 3 services saved.');
    expect(station.calls.find((call) => call.channel === 'carriers:import')?.input).toEqual({
      format: 'csv',
      servicesCsv: fixture('carrier-services.csv'),
      ratesCsv: fixture('carrier-rates.csv'),
    });
  });

  it('a file with mistakes lists each in words with its path, and changes nothing', async () => {
    await openCarriers();
    const document = JSON.parse(fixture('carriers.json')) as { services: Array<Record<string, unknown>> };
    const [post] = document.services;
    if (!post) throw new Error('the fixture has no services');
    post['cutoff'] = '25:00';
    post['zones'] = { ...(post['zones'] as object), UK: 'Z3' };
    chooseFile('carrier-import-json-file', 'carriers.json', JSON.stringify(document, null, 2));
    fireEvent.click(screen.getByTestId('carrier-import-start'));

    const result = await screen.findByTestId('carrier-import-result');
    expect(result.dataset['ok']).toBe('false');
    expect(result.textContent).toContain('Nothing was changed: the file has 2 errors.');
    const errors = screen.getAllByTestId('carrier-import-error');
    const cutoff = errors.find((error) => error.dataset['code'] === 'CATALOG_BAD_CUTOFF') as HTMLElement;
    expect(cutoff.textContent).toContain('services[0].cutoff');
    expect(cutoff.textContent).toContain('Cut-off 25:00 is not a time HH:MM from 00:00 to 23:59');
    const country = errors.find((error) => error.dataset['code'] === 'CATALOG_BAD_COUNTRY') as HTMLElement;
    expect(country.textContent).toContain('services[0].zones.UK');
    expect(country.textContent).toContain('UK is not a two-letter ISO country code');
    // The catalogue is as it was: nothing of the file was saved.
    expect(screen.getAllByTestId('carrier-service-row').map((row) => row.dataset['service'])).toEqual(['CNPOST-REG-SP', 'DHL-EXP-WW', 'YUN-PRE']);
  });

  it('a JSON file that does not parse names the line of the mistake', async () => {
    await openCarriers();
    chooseFile('carrier-import-json-file', 'carriers.json', '{\n  "format": "packbench-carriers",\n  "version": 1\n  "services": []\n}');
    fireEvent.click(screen.getByTestId('carrier-import-start'));
    const error = await screen.findByTestId('carrier-import-error');
    expect(error.dataset['code']).toBe('CATALOG_BAD_JSON');
    expect(error.textContent).toContain('JSON file · line 4');
    expect(error.textContent).toContain('The file is not valid JSON');
  });

  it('export downloads the catalogue as a JSON file', async () => {
    await openCarriers();
    const blobs: Blob[] = [];
    // jsdom has no object URLs and does not download: both are stood in for.
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:carriers'), revokeObjectURL: () => undefined });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(screen.getByTestId('carrier-export'));
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('carriers-2026-03-02.json');
    const saved = JSON.parse(await (blobs[0] as Blob).text()) as { format: string; services: Array<{ id: string; nameZh: string }> };
    expect(saved.format).toBe('packbench-carriers');
    expect(saved.services.map((service) => service.id)).toEqual(['CNPOST-REG-SP', 'DHL-EXP-WW', 'YUN-PRE']);
    expect(saved.services[0]?.nameZh).toBe('中国邮政挂号小包');
  });
});

describe('editing one service', () => {
  it('a changed fuel surcharge and pickup day are saved and shown in the table', async () => {
    const { station } = await openCarriers();
    fireEvent.click(screen.getByTestId('carrier-edit-DHL-EXP-WW'));
    const editor = await screen.findByTestId('service-editor');
    expect(document.activeElement?.id).toBe('service-editor-title');
    fireEvent.change(within(editor).getByTestId('service-fuel'), { target: { value: '27,5' } });
    fireEvent.click(within(within(editor).getByTestId('service-pickupDays')).getByLabelText('Sat'));
    fireEvent.click(within(editor).getByTestId('service-save'));
    await waitFor(() => expect(screen.queryByTestId('service-editor')).toBeNull());
    const sent = station.calls.find((call) => call.channel === 'carriers:saveService')?.input as { service: { fuelSurchargePercent: number; pickupDays: number[] } };
    expect(sent.service.fuelSurchargePercent).toBe(27.5);
    expect(sent.service.pickupDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(serviceRow('DHL-EXP-WW')?.textContent).toContain('27.5 %');
    expect(serviceRow('DHL-EXP-WW')?.textContent).toContain('Mon–Sat');
  });

  it('a rate card with a mistake is refused with the translated error and its path; nothing is sent', async () => {
    const { station } = await openCarriers();
    fireEvent.click(screen.getByTestId('carrier-edit-CNPOST-REG-SP'));
    const details = screen.getByTestId('service-details') as HTMLTextAreaElement;
    const parsed = JSON.parse(details.value) as { rateCard: { rows: Array<{ priceMinor: number }> } };
    const second = parsed.rateCard.rows[1];
    if (!second) throw new Error('the canned rate card has one row');
    second.priceMinor = 100;
    fireEvent.change(details, { target: { value: JSON.stringify(parsed, null, 2) } });
    fireEvent.click(screen.getByTestId('service-save'));
    const problem = await screen.findByTestId('service-editor-problem');
    expect(problem.dataset['code']).toBe('CATALOG_RATE_PRICE_DROP');
    expect(problem.textContent).toContain('rateCard.rows[1].priceMinor');
    expect(problem.textContent).toContain('In zone Z1 the break up to 2000 g costs 100, less than 3500 for up to 500 g');
    expect(station.calls.some((call) => call.channel === 'carriers:saveService')).toBe(false);
  });

  it('text in the JSON area that is not JSON is refused before anything is sent', async () => {
    const { station } = await openCarriers();
    fireEvent.click(screen.getByTestId('carrier-edit-CNPOST-REG-SP'));
    fireEvent.change(screen.getByTestId('service-details'), { target: { value: '{ "zones": ' } });
    fireEvent.click(screen.getByTestId('service-save'));
    expect((await screen.findByTestId('service-editor-error')).textContent).toContain('The JSON text is not valid JSON');
    expect(station.calls.some((call) => call.channel === 'carriers:saveService')).toBe(false);
  });
});

describe('tracking numbers', () => {
  it('a service below its warning level says so in words; one with plenty left does not', async () => {
    await openCarriers();
    const post = rangeCard('CNPOST-REG-SP');
    expect(post.dataset['low']).toBe('true');
    expect(within(post).getByTestId('range-low-warning').textContent).toBe('⚠ Running low: only 150 left, the warning level is 200. Add a new range from the carrier.');
    expect(post.textContent).toContain('150 numbers left');
    expect(within(post).getByTestId('range-orphaned').textContent).toContain('2 numbers were issued but never carried by a parcel');
    const row = within(post).getByTestId('range-row');
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['RR', 'CN', '10000000–10000999', '10000850', '150', 'CP-2026-031']);
    const dhl = rangeCard('DHL-EXP-WW');
    expect(dhl.dataset['low']).toBe('false');
    expect(within(dhl).queryByTestId('range-low-warning')).toBeNull();
    // A pre-printed service has no ranges to run out of.
    expect(screen.getAllByTestId('range-status').map((card) => card.dataset['service'])).toEqual(['CNPOST-REG-SP', 'DHL-EXP-WW']);
  });

  it('a range that shares numbers with one already stored is refused in words, and nothing is added', async () => {
    const { station } = await openCarriers();
    fireEvent.change(screen.getByTestId('range-service'), { target: { value: 'CNPOST-REG-SP' } });
    fireEvent.change(screen.getByTestId('range-prefix'), { target: { value: 'rr' } });
    fireEvent.change(screen.getByTestId('range-suffix'), { target: { value: 'CN' } });
    fireEvent.change(screen.getByTestId('range-first'), { target: { value: '10000900' } });
    fireEvent.change(screen.getByTestId('range-last'), { target: { value: '10001899' } });
    fireEvent.click(screen.getByTestId('range-add'));
    const refused = await screen.findByTestId('add-range-refused');
    expect(refused.dataset['code']).toBe('RANGE_OVERLAPS');
    expect(refused.textContent).toBe('✖ This range shares numbers with range 1: numbers would be issued twice.');
    expect(within(rangeCard('CNPOST-REG-SP')).getAllByTestId('range-row')).toHaveLength(1);
    expect(station.calls.find((call) => call.channel === 'carriers:addRange')?.input).toEqual({
      serviceId: 'CNPOST-REG-SP',
      prefix: 'rr',
      suffix: 'CN',
      first: '10000900',
      last: '10001899',
      reference: '',
      lowWarningAt: 200,
    });
  });

  it('a new range from the carrier lifts the low warning', async () => {
    await openCarriers();
    fireEvent.change(screen.getByTestId('range-prefix'), { target: { value: 'RR' } });
    fireEvent.change(screen.getByTestId('range-suffix'), { target: { value: 'CN' } });
    fireEvent.change(screen.getByTestId('range-first'), { target: { value: '10001000' } });
    fireEvent.change(screen.getByTestId('range-last'), { target: { value: '10001999' } });
    fireEvent.change(screen.getByTestId('range-reference'), { target: { value: 'CP-2026-044' } });
    fireEvent.click(screen.getByTestId('range-add'));
    await waitFor(() => expect(rangeCard('CNPOST-REG-SP').dataset['low']).toBe('false'));
    expect(rangeCard('CNPOST-REG-SP').textContent).toContain('1150 numbers left');
    expect((screen.getByTestId('range-first') as HTMLInputElement).value).toBe('');
  });

  it('a range file with one overlapping line adds none of its lines, and says which line', async () => {
    await openCarriers();
    const csv = 'service_id,prefix,suffix,first,last,reference\nDHL-EXP-WW,12,,100000,199999,DHL-CN-8\nCNPOST-REG-SP,RR,CN,10000500,10000600,again\n';
    chooseFile('range-import-file', 'ranges.csv', csv);
    fireEvent.click(screen.getByTestId('range-import-start'));
    const error = await screen.findByTestId('range-import-error');
    expect(error.dataset['code']).toBe('RANGE_OVERLAPS');
    expect(error.textContent).toContain('line 3');
    expect(screen.getByTestId('range-import-result').textContent).toContain('Nothing was added: 1 lines have errors.');
    expect(within(rangeCard('DHL-EXP-WW')).getAllByTestId('range-row')).toHaveLength(1);
  });
});

describe('service choice rules', () => {
  it('a rule is added, moved above the first and saved in one patch with the rest of the choice settings', async () => {
    const { station } = await openCarriers();
    expect(screen.getAllByTestId('choice-rule').map((rule) => rule.dataset['rule'])).toEqual(['over-2kg-express']);
    fireEvent.click(screen.getByTestId('rule-add'));
    const added = screen.getAllByTestId('choice-rule')[1] as HTMLElement;
    expect(document.activeElement).toBe(within(added).getByTestId('rule-id'));
    fireEvent.change(within(added).getByTestId('rule-id'), { target: { value: 'gb-postal' } });
    fireEvent.change(within(added).getByTestId('rule-countries'), { target: { value: 'gb, ie' } });
    fireEvent.change(within(added).getByTestId('rule-maxWeightG'), { target: { value: '2000' } });
    fireEvent.change(within(added).getByTestId('rule-prime'), { target: { value: 'no' } });
    fireEvent.change(within(added).getByTestId('rule-network'), { target: { value: 'postal' } });
    fireEvent.click(within(added).getByTestId('rule-up'));
    expect(screen.getAllByTestId('choice-rule').map((rule) => rule.dataset['rule'])).toEqual(['gb-postal', 'over-2kg-express']);
    fireEvent.click(screen.getByTestId('choice-save'));

    await waitFor(() => expect(station.calls.some((call) => call.channel === 'settings:update')).toBe(true));
    expect(station.calls.find((call) => call.channel === 'settings:update')?.input).toEqual({
      choice: {
        rules: [
          { id: 'gb-postal', when: { maxWeightG: 2000, prime: false, countries: ['GB', 'IE'] }, require: { network: 'postal' } },
          { id: 'over-2kg-express', when: { minWeightG: 2001 }, require: { network: 'express' } },
        ],
        currency: 'CNY',
        exchangeRates: { USD: 7.1 },
        holidays: [],
      },
      serviceOverrideReasons: [{ code: 'BUYER_REQUEST', en: 'Buyer asked for this carrier', zh: '买家指定承运商' }],
    });
    expect(station.settings().choice.rules.map((rule) => rule.id)).toEqual(['gb-postal', 'over-2kg-express']);
  });

  it('a rule that requires nothing is refused before anything is sent', async () => {
    const { station } = await openCarriers();
    fireEvent.click(screen.getByTestId('rule-add'));
    const added = screen.getAllByTestId('choice-rule')[1] as HTMLElement;
    fireEvent.change(within(added).getByTestId('rule-id'), { target: { value: 'us-any' } });
    fireEvent.change(within(added).getByTestId('rule-countries'), { target: { value: 'US' } });
    fireEvent.click(screen.getByTestId('choice-save'));
    expect((await screen.findByTestId('choice-error')).textContent).toContain('Rule 2 (us-any) requires nothing');
    expect(station.calls.some((call) => call.channel === 'settings:update')).toBe(false);
  });

  it('exchange rates, closed days and the override reasons go into the same patch', async () => {
    const { station } = await openCarriers();
    fireEvent.click(screen.getByTestId('choice-rate-add'));
    const rows = screen.getAllByTestId('choice-rate-row');
    const last = rows.at(-1) as HTMLElement;
    fireEvent.change(within(last).getByTestId('choice-rate-currency'), { target: { value: 'eur' } });
    fireEvent.change(within(last).getByTestId('choice-rate-value'), { target: { value: '7,8' } });
    fireEvent.change(screen.getByTestId('choice-holidays'), { target: { value: '2026-10-02\n2026-10-01' } });
    fireEvent.click(screen.getByTestId('settings-service-override-reasons-add'));
    fireEvent.change(screen.getByTestId('settings-service-override-reasons-code-1'), { target: { value: 'FASTER' } });
    fireEvent.change(screen.getByTestId('settings-service-override-reasons-en-1'), { target: { value: 'Needs to arrive sooner' } });
    fireEvent.change(screen.getByTestId('settings-service-override-reasons-zh-1'), { target: { value: '需要更快送达' } });
    fireEvent.click(screen.getByTestId('choice-save'));
    await waitFor(() => expect(station.settings().choice.exchangeRates).toEqual({ USD: 7.1, EUR: 7.8 }));
    expect(station.settings().choice.holidays).toEqual(['2026-10-01', '2026-10-02']);
    expect(station.settings().serviceOverrideReasons.map((reason) => reason.code)).toEqual(['BUYER_REQUEST', 'FASTER']);
  });
});

describe('in Chinese', () => {
  it('the tab, the headings, the service names and the low warning are Chinese', async () => {
    await openCarriers({ language: 'zh-CN' });
    expect(screen.getByTestId('settings-tab-carriers').textContent).toBe('承运商');
    expect(screen.getByRole('heading', { level: 2, name: '承运商与运单号' })).toBeTruthy();
    expect(serviceRow('CNPOST-REG-SP')?.textContent).toContain('中国邮政挂号小包');
    expect(serviceRow('CNPOST-REG-SP')?.textContent).toContain('周一–周六');
    expect(within(rangeCard('CNPOST-REG-SP')).getByTestId('range-low-warning').textContent).toBe(
      '⚠ 单号即将用完：仅剩 150 个，预警值为 200。请添加承运商的新号段。',
    );
    expect(screen.getByTestId('choice-save').textContent).toBe('保存规则和选择设置');
  });

  it('an overlapping range is refused in Chinese', async () => {
    await openCarriers({ language: 'zh-CN' });
    fireEvent.change(screen.getByTestId('range-prefix'), { target: { value: 'RR' } });
    fireEvent.change(screen.getByTestId('range-suffix'), { target: { value: 'CN' } });
    fireEvent.change(screen.getByTestId('range-first'), { target: { value: '10000000' } });
    fireEvent.change(screen.getByTestId('range-last'), { target: { value: '10000001' } });
    fireEvent.click(screen.getByTestId('range-add'));
    expect((await screen.findByTestId('add-range-refused')).textContent).toBe('✖ 该号段与号段 1 重叠：会重复发号。');
  });
});

describe('catalogue codes in words', () => {
  it.each([...CATALOG_ERROR_CODES, ...CATALOG_WARNING_CODES, 'RANGE_FILE_UNCLOSED_QUOTE', 'RANGE_FILE_COLUMNS'])('%s has a text', (code) => {
    expect(isMessageKey(`code.${code}`)).toBe(true);
  });
});
