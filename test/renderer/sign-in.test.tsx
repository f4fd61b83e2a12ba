import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { createAppStore } from '../../renderer/src/store/app-store';
import { createFakeStation } from './fake-station';
import { renderBench } from './render-bench';

const FIRST = '111-0000001-0000001';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function scanBurst(target: Element, code: string): void {
  for (const key of code) fireEvent.keyDown(target, { key });
  fireEvent.keyDown(target, { key: 'Enter' });
}

async function signInWithPin(name: string, pin: string) {
  fireEvent.change(await screen.findByTestId('sign-in-name'), { target: { value: name } });
  fireEvent.change(screen.getByTestId('sign-in-pin'), { target: { value: pin } });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
}

describe('signing in', () => {
  it('with nobody signed in the sign-in screen is all there is: no screens to go round it', async () => {
    renderBench({ signedIn: null });
    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    expect(screen.queryByTestId('nav-queue')).toBeNull();
    expect(screen.queryByTestId('queue-search')).toBeNull();
    expect(screen.queryByTestId('sign-out')).toBeNull();
  });

  it('scanning a badge signs in, wherever the focus is, and the bench opens', async () => {
    const { station } = renderBench({ signedIn: null });
    await screen.findByTestId('sign-in-screen');
    const pin = screen.getByTestId('sign-in-pin') as HTMLInputElement;
    pin.focus();
    scanBurst(pin, 'B-9001');
    expect((await screen.findByTestId('operator-name')).textContent).toBe('Operator Zhang Min (supervisor)');
    expect(screen.queryByTestId('sign-in-screen')).toBeNull();
    expect(await screen.findByTestId('queue-search')).toBeTruthy();
    // The badge went to the station as a badge, and not one key of it into the PIN field.
    expect(station.calls.filter((call) => call.channel === 'operators:signIn').map((call) => call.input)).toEqual([{ badge: 'B-9001' }]);
    expect(pin.value).toBe('');
    expect(station.operator()).toEqual({ name: 'Zhang Min', role: 'supervisor' });
  });

  it('an unknown badge is refused in words', async () => {
    renderBench({ signedIn: null, language: 'zh-CN' });
    await screen.findByTestId('sign-in-screen');
    scanBurst(document.body, 'B-0000');
    const error = await screen.findByTestId('sign-in-error');
    expect(error.dataset['code']).toBe('OPERATOR_UNKNOWN_BADGE');
    expect(error.textContent).toContain('本工位不认识此工牌，请让主管登记。');
  });

  it('by name and PIN, chosen from the station’s list', async () => {
    renderBench({ signedIn: null });
    const names = await screen.findByTestId('sign-in-name');
    await waitFor(() => expect(within(names).getAllByRole('option').map((option) => option.textContent)).toEqual(['— choose your name —', 'Li Wei (packer)', 'Zhang Min (supervisor)']));
    await signInWithPin('Li Wei', '1234');
    expect((await screen.findByTestId('operator-name')).textContent).toBe('Operator Li Wei (packer)');
  });

  it('a wrong PIN is shown translated with the tries left, the PIN is cleared and takes the focus', async () => {
    renderBench({ signedIn: null });
    await signInWithPin('Li Wei', '0000');
    const error = await screen.findByTestId('sign-in-error');
    expect(error.dataset['code']).toBe('OPERATOR_BAD_PIN');
    expect(error.textContent).toContain('Wrong PIN. Tries left before Li Wei is locked: 4.');
    expect((screen.getByTestId('sign-in-pin') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('sign-in-pin'));
    expect(screen.getByTestId('sign-in-screen')).toBeTruthy();
  });

  it('five wrong PINs lock the name; the lock is explained', async () => {
    renderBench({ signedIn: null, language: 'zh-CN' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await signInWithPin('Li Wei', '0000');
      await waitFor(() => expect(screen.getByTestId('sign-in-error').dataset['code']).toBe('OPERATOR_BAD_PIN'));
      fireEvent.change(screen.getByTestId('sign-in-name'), { target: { value: '' } });
    }
    await signInWithPin('Li Wei', '1234');
    await waitFor(() => expect(screen.getByTestId('sign-in-error').dataset['code']).toBe('OPERATOR_LOCKED'));
    expect(screen.getByTestId('sign-in-error').textContent).toContain('Li Wei 已被锁定');
  });

  it('a code the screen has no text for shows the station’s own message', async () => {
    const station = createFakeStation({ signedIn: null });
    station.api['operators:signIn'] = async () => ({ ok: false, error: { code: 'OPERATOR_SOMETHING_NEW', message: 'The badge reader is on fire.' } });
    render(<App store={createAppStore(station.api)} />);
    await screen.findByTestId('sign-in-screen');
    scanBurst(document.body, 'B-1001');
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain('The badge reader is on fire.');
  });

  it('name and PIN are asked for before anything is sent', async () => {
    const { station } = renderBench({ signedIn: null });
    fireEvent.click(await screen.findByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-missing')).textContent).toBe('Choose your name first.');
    fireEvent.change(screen.getByTestId('sign-in-name'), { target: { value: 'Li Wei' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(screen.getByTestId('sign-in-missing').textContent).toBe('Type your PIN.');
    expect(station.calls.some((call) => call.channel === 'operators:signIn')).toBe(false);
  });
});

describe('signing out', () => {
  it('the Sign out button signs out at the station and shows the sign-in screen', async () => {
    const { station } = renderBench();
    fireEvent.click(await screen.findByTestId('sign-out'));
    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    expect(station.operator()).toBeNull();
    expect(screen.queryByTestId('signed-out-reason')).toBeNull();
  });

  it('after the idle time without a key or a mouse move, the operator is signed out', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = renderBench({ settings: { idleSignOutMinutes: 2 } });
    await screen.findByTestId('operator-name');
    await waitFor(() => expect(screen.getByTestId('station-name')).toBeTruthy());

    // Activity keeps the sign-in alive: 90 s, a mouse move, 90 s more.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(90_000);
    });
    fireEvent.mouseMove(document.body);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(90_000);
    });
    expect(screen.queryByTestId('sign-in-screen')).toBeNull();
    expect(station.operator()).not.toBeNull();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(31_000);
    });
    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    expect(screen.getByTestId('signed-out-reason').textContent).toContain('You were signed out after a period without activity.');
    expect(station.calls.some((call) => call.channel === 'operators:signOut')).toBe(true);
    expect(station.operator()).toBeNull();
  });

  it('0 minutes means never', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderBench({ settings: { idleSignOutMinutes: 0 } });
    await screen.findByTestId('operator-name');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    });
    expect(screen.queryByTestId('sign-in-screen')).toBeNull();
  });

  it('when the station says the operator was signed out (SIGNED_OUT_IDLE), the sign-in screen comes back, and the open order after signing in again', async () => {
    const { station, store } = renderBench();
    const field = await screen.findByTestId('order-scan-input');
    scanBurst(field, FIRST);
    await screen.findByTestId('pack-order-id');

    station.dropSession('SIGNED_OUT_IDLE');
    await act(async () => {
      await store.getState().scanItem('00693210000015');
    });
    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    expect(screen.getByTestId('signed-out-reason').dataset['code']).toBe('SIGNED_OUT_IDLE');

    scanBurst(document.body, 'B-1001');
    expect((await screen.findByTestId('pack-order-id')).textContent).toContain(FIRST);
    expect(screen.queryByTestId('sign-in-screen')).toBeNull();
  });

  it('NOT_SIGNED_IN from any call does the same; another operator starts at the queue', async () => {
    const { station, store } = renderBench();
    const field = await screen.findByTestId('order-scan-input');
    scanBurst(field, FIRST);
    await screen.findByTestId('pack-order-id');
    station.dropSession('NOT_SIGNED_IN');
    await act(async () => {
      await store.getState().openOrder(FIRST);
    });
    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    expect(screen.queryByTestId('signed-out-reason')).toBeNull();

    scanBurst(document.body, 'B-9001');
    expect(await screen.findByTestId('queue-search')).toBeTruthy();
    expect(screen.queryByTestId('pack-order-id')).toBeNull();
  });
});
