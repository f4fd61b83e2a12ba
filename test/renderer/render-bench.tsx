import { render } from '@testing-library/react';
import { App } from '../../renderer/src/App';
import { createAppStore } from '../../renderer/src/store/app-store';
import type { AppStore } from '../../renderer/src/store/app-store';
import { createFakeStation } from './fake-station';
import type { FakeStation, FakeStationOptions } from './fake-station';

/**
 * A fresh store over a fresh fake station for every test: nothing one test did can leak
 * into the next. Imports poll without waiting.
 */
export function renderBench(options: FakeStationOptions = {}): { station: FakeStation; store: AppStore } & ReturnType<typeof render> {
  const station = createFakeStation(options);
  const store = createAppStore(station.api, { sleep: () => Promise.resolve() });
  const rendered = render(<App store={store} />);
  return { station, store, ...rendered };
}
