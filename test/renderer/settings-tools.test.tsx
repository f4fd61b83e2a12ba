import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeCode128 } from '../../shared/label/code128';
import { interpretScan } from '../../shared/scan/barcode';
import { classifyBurst, suggestedMaxInterKeyMs } from '../../renderer/src/components/settings/ScannerCalibration';
import { DEFAULT_SCAN_DETECTOR_CONFIG } from '../../shared/scan/scan-detector';
import { BOXES } from './fake-station';
import { renderBench } from './render-bench';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function openTab(tab: 'general' | 'operators' | 'calibration' | 'commands') {
  fireEvent.click(await screen.findByTestId('nav-settings'));
  fireEvent.click(await screen.findByTestId(`settings-tab-${tab}`));
}

/** Keys `gapMs` apart on the fake clock, then Enter. */
async function keysWithGaps(code: string, gapMs: number) {
  for (const key of code) {
    fireEvent.keyDown(document.body, { key });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(gapMs);
    });
  }
  fireEvent.keyDown(document.body, { key: 'Enter' });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(1);
  });
}

describe('the settings tabs', () => {
  it('are reachable by keyboard: arrow keys move between them', async () => {
    renderBench();
    await openTab('general');
    const general = screen.getByTestId('settings-tab-general');
    general.focus();
    fireEvent.keyDown(general, { key: 'ArrowRight' });
    expect(screen.getByTestId('settings-tab-operators').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('settings-tab-operators'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    // Left from the first tab wraps to the last one a packer has: End of day.
    expect(screen.getByTestId('settings-tab-end-of-day').getAttribute('aria-selected')).toBe('true');
  });
});

describe('scanner calibration', () => {
  it('shows every key with its gap, and says a 12 ms burst is a scan with the 35 ms setting', async () => {
    const { station } = renderBench();
    await openTab('calibration');
    await screen.findByTestId('calibration-waiting');
    // The clock is the test's from here: every gap below is exactly as written.
    vi.useFakeTimers();
    await keysWithGaps('4006381333931', 12);

    const rows = screen.getAllByTestId('calibration-key').reverse();
    expect(rows.map((row) => row.dataset['key'])).toEqual([...'4006381333931', 'Enter']);
    expect(rows[0]?.dataset['gap']).toBe('');
    expect(rows.slice(1).map((row) => row.dataset['gap'])).toEqual(Array(13).fill('12'));
    expect(rows[1]?.textContent).toContain('12 ms');

    const verdict = screen.getByTestId('calibration-verdict');
    expect(verdict.dataset['scan']).toBe('true');
    expect(verdict.textContent).toContain('Read as a scan with the current settings');
    expect(screen.getByTestId('calibration-burst').textContent).toBe('Last burst: 13 characters, largest gap 12 ms');
    expect(screen.getAllByTestId('calibration-scan').map((item) => item.textContent)).toEqual(['4006381333931']);
    // Calibrating changes nothing at the bench: the scan was not looked up as an order.
    expect(station.calls.some((call) => call.channel === 'orders:find' || call.channel === 'pack:scan')).toBe(false);
  });

  it('a scanner slower than the setting reads as typing; the page offers a gap that would read it', async () => {
    const { station } = renderBench();
    await openTab('calibration');
    await screen.findByTestId('calibration-waiting');
    vi.useFakeTimers();
    await keysWithGaps('X00ABCDEFG', 50);

    const verdict = screen.getByTestId('calibration-verdict');
    expect(verdict.dataset['scan']).toBe('false');
    expect(verdict.textContent).toContain('Read as typing with the current settings');
    expect(screen.getByTestId('calibration-burst').textContent).toBe('Last burst: 10 characters, largest gap 50 ms');
    expect(screen.queryAllByTestId('calibration-scan')).toEqual([]);

    const apply = screen.getByTestId('calibration-apply');
    expect(apply.textContent).toBe('Use 75 ms');
    await act(async () => {
      fireEvent.click(apply);
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(station.settings().scanner.maxInterKeyMs).toBe(75);
    expect(screen.getByTestId('calibration-current').textContent).toBe('Now: a scan is at least 4 characters with gaps of at most 75 ms.');
    // With the new setting the same burst is read as a scan.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    await keysWithGaps('X00ABCDEFG', 50);
    expect(screen.getByTestId('calibration-verdict').dataset['scan']).toBe('true');
    expect(screen.getAllByTestId('calibration-scan').map((item) => item.textContent)).toEqual(['X00ABCDEFG']);
  });

  it('classifies with the same detector the bench uses', () => {
    const keys = (gap: number) => [...'12345', 'Enter'].map((key, index) => ({ key, timeMs: 1000 + index * gap }));
    expect(classifyBurst(keys(10), DEFAULT_SCAN_DETECTOR_CONFIG)).toEqual({ length: 5, maxGapMs: 10, scan: '12345' });
    expect(classifyBurst(keys(40), DEFAULT_SCAN_DETECTOR_CONFIG).scan).toBeNull();
    expect(classifyBurst(keys(40), { ...DEFAULT_SCAN_DETECTOR_CONFIG, maxInterKeyMs: 60 }).scan).toBe('12345');
  });

  it.each([
    [4, 15],
    [12, 25],
    [30, 45],
    [50, 75],
    [400, 500],
  ])('a largest gap of %i ms suggests %i ms', (gap, suggestion) => {
    expect(suggestedMaxInterKeyMs(gap)).toBe(suggestion);
  });
});

/** Reads the bars and spaces back out of the SVG: x and width of each bar, in modules. */
function widthsOf(svg: SVGElement): { widths: number[]; leftQuiet: number; rightQuiet: number } {
  const total = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
  const bars = [...svg.querySelectorAll('rect:not(.quiet-zone)')].map((rect) => ({ x: Number(rect.getAttribute('x')), width: Number(rect.getAttribute('width')) }));
  const widths: number[] = [];
  bars.forEach((bar, index) => {
    widths.push(bar.width);
    const next = bars[index + 1];
    if (next) widths.push(next.x - (bar.x + bar.width));
  });
  const last = bars[bars.length - 1];
  return { widths, leftQuiet: bars[0]?.x ?? 0, rightQuiet: last ? total - (last.x + last.width) : 0 };
}

describe('the command barcode sheet', () => {
  it('has one barcode per command and one per box preset, each with both captions, readable back as its command', async () => {
    renderBench({ language: 'en' });
    await openTab('commands');
    const cards = await screen.findAllByTestId('command-card');
    await waitFor(() => expect(screen.getAllByTestId('command-card')).toHaveLength(5 + BOXES.length));
    expect(screen.getAllByTestId('command-card').map((card) => card.dataset['command'])).toEqual([
      'complete',
      'next-package',
      'acknowledge',
      'cancel',
      'reprint',
      ...BOXES.map((box) => `box-${box.id}`),
    ]);
    expect(cards.length).toBeGreaterThan(0);

    const svgs = screen.getAllByTestId('command-card').map((card) => card.querySelector('svg') as SVGElement);
    expect(svgs.every((svg) => svg !== null)).toBe(true);
    expect(svgs.map((svg) => interpretScan(svg.dataset['text'] ?? '', { commandPrefix: 'PB:' }))).toEqual([
      { kind: 'command', command: { name: 'complete' } },
      { kind: 'command', command: { name: 'next-package' } },
      { kind: 'command', command: { name: 'acknowledge' } },
      { kind: 'command', command: { name: 'cancel' } },
      { kind: 'command', command: { name: 'reprint' } },
      ...BOXES.map((box) => ({ kind: 'command', command: { name: 'box', boxId: box.id } })),
    ]);

    const ack = within(screen.getAllByTestId('command-card')[2] as HTMLElement);
    expect(ack.getByText('Acknowledge error')).toBeTruthy();
    expect(ack.getByText('确认错误')).toBeTruthy();
    const boxS = within(screen.getAllByTestId('command-card')[5] as HTMLElement);
    expect(boxS.getByText('Box: Box S')).toBeTruthy();
    expect(boxS.getByText('包装箱：纸箱 小号')).toBeTruthy();
  });

  it('draws the Code 128 bars exactly, with a quiet zone of at least 10 modules and modules of at least 0.33 mm', async () => {
    renderBench();
    await openTab('commands');
    await waitFor(() => expect(screen.getAllByTestId('command-card')).toHaveLength(5 + BOXES.length));
    for (const card of screen.getAllByTestId('command-card')) {
      const svg = card.querySelector('svg') as SVGElement;
      const text = svg.dataset['text'] ?? '';
      const { widths, leftQuiet, rightQuiet } = widthsOf(svg);
      expect(widths).toEqual(encodeCode128(text));
      expect(leftQuiet).toBeGreaterThanOrEqual(10);
      expect(rightQuiet).toBeGreaterThanOrEqual(10);
      const modules = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
      const widthMm = Number.parseFloat(svg.getAttribute('width') ?? '');
      expect(svg.getAttribute('width')).toMatch(/mm$/);
      expect(widthMm / modules).toBeGreaterThanOrEqual(0.33);
      // The quiet zone is painted white, not left transparent over a coloured page.
      expect(svg.querySelector('rect.quiet-zone')?.getAttribute('fill')).toBe('#fff');
    }
  });

  it('follows the command prefix from the settings', async () => {
    renderBench({ settings: { scanner: { maxInterKeyMs: 35, minLength: 4, prefix: '', suffix: '', commandPrefix: 'CMD:' } } });
    await openTab('commands');
    await screen.findAllByTestId('command-card');
    expect(screen.getByTestId('command-barcode-acknowledge').dataset['text']).toBe('CMD:ACK');
  });

  it('the print button prints the page', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderBench();
    await openTab('commands');
    fireEvent.click(await screen.findByTestId('command-sheet-print'));
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('the operator editor', () => {
  it('a supervisor adds an operator; the badge is scanned into its field instead of opening anything', async () => {
    const { station } = renderBench({ signedIn: 'Zhang Min' });
    await openTab('operators');
    await screen.findAllByTestId('operator-row');
    expect(screen.getAllByTestId('operator-row').map((row) => row.dataset['name'])).toEqual(['Li Wei', 'Zhang Min']);
    fireEvent.change(screen.getByTestId('operator-name-input'), { target: { value: 'Chen Jing' } });
    fireEvent.change(screen.getByTestId('operator-role'), { target: { value: 'packer' } });
    fireEvent.change(screen.getByTestId('operator-pin'), { target: { value: '4321' } });
    const badge = screen.getByTestId('operator-badge') as HTMLInputElement;
    badge.focus();
    for (const key of 'B-2002') fireEvent.keyDown(badge, { key });
    fireEvent.keyDown(badge, { key: 'Enter' });
    expect(badge.value).toBe('B-2002');
    expect(station.calls.some((call) => call.channel === 'orders:find')).toBe(false);

    fireEvent.click(screen.getByTestId('operator-save'));
    await screen.findByTestId('toast');
    expect(station.calls.find((call) => call.channel === 'operators:save')?.input).toEqual({
      name: 'Chen Jing',
      role: 'packer',
      active: true,
      pin: '4321',
      badge: 'B-2002',
    });
    await waitFor(() => expect(screen.getAllByTestId('operator-row').map((row) => row.dataset['name'])).toContain('Chen Jing'));
  });

  it('editing keeps PIN and badge unless they are typed; an operator can be made inactive', async () => {
    const { station } = renderBench({ signedIn: 'Zhang Min' });
    await openTab('operators');
    fireEvent.click(await screen.findByTestId('operator-edit-Li Wei'));
    expect((screen.getByTestId('operator-name-input') as HTMLInputElement).value).toBe('Li Wei');
    fireEvent.click(screen.getByTestId('operator-active'));
    fireEvent.click(screen.getByTestId('operator-save'));
    await screen.findByTestId('toast');
    expect(station.calls.find((call) => call.channel === 'operators:save')?.input).toEqual({ name: 'Li Wei', role: 'packer', active: false });
    expect(station.operators().find((operator) => operator.name === 'Li Wei')).toMatchObject({ pin: '1234', badge: 'B-1001', active: false });
  });

  it('a badge that belongs to someone else is refused in words; a short PIN is caught first', async () => {
    const { station } = renderBench({ signedIn: 'Zhang Min' });
    await openTab('operators');
    fireEvent.change(screen.getByTestId('operator-name-input'), { target: { value: 'Chen Jing' } });
    fireEvent.change(screen.getByTestId('operator-pin'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('operator-save'));
    expect((await screen.findByTestId('operator-error')).textContent).toContain('A PIN is 4 to 12 digits.');
    expect(station.calls.some((call) => call.channel === 'operators:save')).toBe(false);

    fireEvent.change(screen.getByTestId('operator-pin'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('operator-badge'), { target: { value: 'B-1001' } });
    fireEvent.click(screen.getByTestId('operator-save'));
    await waitFor(() => expect(screen.getByTestId('operator-error').textContent).toContain('Badge B-1001 already belongs to Li Wei.'));
  });

  it('a packer sees the operators but cannot change them', async () => {
    renderBench({ signedIn: 'Li Wei' });
    await openTab('operators');
    expect(await screen.findByTestId('operators-supervisor-only')).toBeTruthy();
    expect(screen.queryByTestId('operator-form')).toBeNull();
  });
});
