import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBench } from './render-bench';

afterEach(() => {
  cleanup();
});

async function openSettings() {
  fireEvent.click(await screen.findByTestId('nav-settings'));
  return screen.findByTestId('language-select');
}

describe('language', () => {
  it('switching to 中文 turns the visible text Chinese and stores the choice at the station', async () => {
    const { station } = renderBench({ language: 'en' });
    await waitFor(() => expect(screen.getByTestId('nav-queue').textContent).toBe('Queue'));
    expect(screen.getByTestId('nav-settings').textContent).toBe('Settings');

    const select = await openSettings();
    fireEvent.change(select, { target: { value: 'zh-CN' } });

    await waitFor(() => expect(screen.getByTestId('nav-queue').textContent).toBe('订单队列'));
    expect(screen.getByTestId('nav-settings').textContent).toBe('设置');
    expect(screen.getByTestId('nav-pack').textContent).toBe('打包');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('设置');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(station.calls.find((call) => call.channel === 'settings:update')?.input).toEqual({ language: 'zh-CN' });
    expect(station.settings().language).toBe('zh-CN');
  });

  it('the station’s language is used from the start (the demo default is Chinese)', async () => {
    renderBench({ language: 'zh-CN' });
    await screen.findAllByTestId('queue-row');
    expect(screen.getByText('扫描或输入订单号')).toBeTruthy();
    expect(screen.getAllByTestId('urgency-marker').map((marker) => marker.textContent)).toContain('⚠ 已超时');
  });
});

describe('the settings form', () => {
  it('shows the station, the signed-in operator with role, and the version in the top bar', async () => {
    renderBench({ language: 'en' });
    expect((await screen.findByTestId('station-name')).textContent).toBe('Station Bench 1');
    expect((await screen.findByTestId('operator-name')).textContent).toBe('Operator Li Wei (packer)');
    expect((await screen.findByTestId('app-version')).textContent).toBe('v0.1.0 · browser');
  });

  it('the form has no operator-name field any more: operators sign in', async () => {
    renderBench({ language: 'en' });
    await openSettings();
    expect(screen.queryByTestId('settings-operator')).toBeNull();
  });

  it('saves scanner, sound, sign-out and reason settings with the rest', async () => {
    const { station } = renderBench({ language: 'en' });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-scanner-gap'), { target: { value: '60' } });
    fireEvent.change(screen.getByTestId('settings-scanner-min-length'), { target: { value: '6' } });
    fireEvent.change(screen.getByTestId('settings-scanner-suffix'), { target: { value: '#' } });
    fireEvent.change(screen.getByTestId('settings-scanner-command-prefix'), { target: { value: 'CMD:' } });
    fireEvent.click(screen.getByTestId('settings-sound-enabled'));
    fireEvent.change(screen.getByTestId('settings-idle-minutes'), { target: { value: '0' } });
    // One more override reason, and the short-shipment one replaced.
    fireEvent.click(screen.getByTestId('settings-override-reasons-add'));
    fireEvent.change(screen.getByTestId('settings-override-reasons-code-2'), { target: { value: ' LABEL_TORN ' } });
    fireEvent.change(screen.getByTestId('settings-override-reasons-en-2'), { target: { value: 'Label torn' } });
    fireEvent.change(screen.getByTestId('settings-override-reasons-zh-2'), { target: { value: '标签撕破' } });
    fireEvent.click(screen.getByTestId('settings-short-reasons-remove-0'));
    fireEvent.click(screen.getByTestId('settings-short-reasons-add'));
    fireEvent.change(screen.getByTestId('settings-short-reasons-code-0'), { target: { value: 'DAMAGED' } });
    fireEvent.change(screen.getByTestId('settings-short-reasons-en-0'), { target: { value: 'Damaged in stock' } });
    fireEvent.change(screen.getByTestId('settings-short-reasons-zh-0'), { target: { value: '库存损坏' } });
    fireEvent.click(screen.getByTestId('settings-save'));

    await screen.findByTestId('toast');
    const update = station.calls.find((call) => call.channel === 'settings:update')?.input as Record<string, unknown>;
    expect(update).not.toHaveProperty('operatorName');
    expect(update['scanner']).toEqual({ maxInterKeyMs: 60, minLength: 6, prefix: '', suffix: '#', commandPrefix: 'CMD:' });
    expect(update['sound']).toEqual({ enabled: false, volume: 0.7 });
    expect(update['idleSignOutMinutes']).toBe(0);
    expect(update['overrideReasons']).toEqual([
      { code: 'DAMAGED_BARCODE', en: 'Barcode damaged or unreadable', zh: '条码损坏或无法读取' },
      { code: 'NO_BARCODE', en: 'Unit has no barcode', zh: '商品没有条码' },
      { code: 'LABEL_TORN', en: 'Label torn', zh: '标签撕破' },
    ]);
    expect(update['shortReasons']).toEqual([{ code: 'DAMAGED', en: 'Damaged in stock', zh: '库存损坏' }]);
    expect(station.settings().scanner.commandPrefix).toBe('CMD:');
  });

  it('a reason without its Chinese text, or a code used twice, is caught before it is sent', async () => {
    const { station } = renderBench({ language: 'en' });
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-override-reasons-add'));
    fireEvent.change(screen.getByTestId('settings-override-reasons-code-2'), { target: { value: 'X' } });
    fireEvent.change(screen.getByTestId('settings-override-reasons-en-2'), { target: { value: 'Something' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toBe('Every reason needs a code, an English text and a Chinese text.');

    fireEvent.change(screen.getByTestId('settings-override-reasons-code-2'), { target: { value: 'NO_BARCODE' } });
    fireEvent.change(screen.getByTestId('settings-override-reasons-zh-2'), { target: { value: '某事' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-error').textContent).toBe('The reason code NO_BARCODE is used twice.'));
    expect(station.calls.some((call) => call.channel === 'settings:update')).toBe(false);
  });

  it('a gap the station refuses is named by its field, in Chinese', async () => {
    renderBench({ language: 'zh-CN' });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-scanner-gap'), { target: { value: '900' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toBe('有一个值未被接受（同一次扫描中按键的最大间隔（毫秒））。');
  });

  it('a refusal from the station is shown translated, naming the field', async () => {
    renderBench({ language: 'zh-CN' });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-station'), { target: { value: '  ' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toBe('有一个值未被接受（工位名称）。');
  });

  it('the label printer as a Windows share, and the slip and customs form each on their own printer', async () => {
    const { station } = renderBench({ language: 'en' });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-printer-mode'), { target: { value: 'windows-share' } });
    fireEvent.change(screen.getByTestId('settings-printer-share'), { target: { value: ' \\\\BENCH-PC\\Zebra ' } });
    // The slip goes to a folder of A6 PDFs after each label; the customs form is turned off.
    fireEvent.change(screen.getByTestId('settings-doc-slip-mode'), { target: { value: 'folder' } });
    fireEvent.change(screen.getByTestId('settings-doc-slip-folder'), { target: { value: '/srv/slips' } });
    fireEvent.change(screen.getByTestId('settings-doc-slip-page'), { target: { value: 'a6' } });
    fireEvent.click(screen.getByTestId('settings-doc-slip-after-label'));
    fireEvent.change(screen.getByTestId('settings-doc-customs-mode'), { target: { value: 'off' } });
    expect(screen.queryByTestId('settings-doc-customs-after-label')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-save'));

    await screen.findByTestId('toast');
    const update = station.calls.find((call) => call.channel === 'settings:update')?.input as Record<string, Record<string, unknown>>;
    expect(update['printer']).toMatchObject({ mode: 'windows-share', share: '\\\\BENCH-PC\\Zebra' });
    expect(update['documentPrinters']).toEqual({
      slip: { mode: 'folder', osPrinter: 'Office', page: 'a6', folder: '/srv/slips', afterLabel: true },
      customs: { mode: 'off', osPrinter: '', page: '4x6', folder: '/tmp/documents', afterLabel: false },
    });
    expect(station.settings().documentPrinters.slip.mode).toBe('folder');
  });

  it('a port that is not a whole number is caught before it is sent', async () => {
    const { station } = renderBench({ language: 'en' });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-printer-mode'), { target: { value: 'tcp' } });
    fireEvent.change(screen.getByTestId('settings-printer-port'), { target: { value: '91oo' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toBe('Port must be a whole number.');
    expect(station.calls.some((call) => call.channel === 'settings:update')).toBe(false);
  });
});

describe('the import panel', () => {
  it('imports a chosen report, shows progress, the summary and the row errors with their lines', async () => {
    const { station } = renderBench({ language: 'en', importPolls: 2 });
    await openSettings();
    const report = 'order-id\tsku\tquantity-purchased\n111-1\tPB-MUG-001\t1\n111-2\tPB-MUG-001\ttwo\n';
    const file = new File([report], 'unshipped.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
    expect(screen.getByTestId('import-file-name').textContent).toContain('unshipped.txt');
    fireEvent.click(screen.getByTestId('import-start'));

    const status = await screen.findByTestId('import-status');
    await waitFor(() => expect(status.dataset['state']).toBe('done'));
    const summary = screen.getByTestId('import-summary');
    expect(summary.textContent).toContain('New: 1');
    expect(summary.textContent).toContain('Skipped: 1');
    const row = screen.getByTestId('import-row-error');
    expect(within(row).getByText('Line 3')).toBeTruthy();
    expect(row.textContent).toContain('quantity-purchased is not a valid quantity.');

    const start = station.calls.find((call) => call.channel === 'import:start')?.input as { kind: string; fileName: string; content: string };
    expect(start).toEqual({ kind: 'orders', fileName: 'unshipped.txt', content: report });
    expect(station.calls.filter((call) => call.channel === 'import:status')).toHaveLength(2);
  });

  it('a dropped file is taken like a chosen one', async () => {
    renderBench({ language: 'en' });
    await openSettings();
    const file = new File(['sku,gtin\n'], 'catalog.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByTestId('import-panel'), { dataTransfer: { files: [file] } });
    expect(screen.getByTestId('import-file-name').textContent).toContain('catalog.csv');
  });
});
