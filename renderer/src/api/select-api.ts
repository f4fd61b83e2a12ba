import type { PackbenchApi } from '../../../shared/contract';
import { createHttpApi } from './http-api';
import type { FetchLike } from './http-api';
import { takeAccessToken } from './token';

type HostWindow = Window & { packbench?: PackbenchApi };

/**
 * Electron's preload exposes `window.packbench`; without it the page was served by the
 * browser-mode host. Everything above this function sees one PackbenchApi either way.
 */
export function selectApi(win: HostWindow = window): PackbenchApi {
  if (win.packbench) return win.packbench;
  const token = takeAccessToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  // Without a token every call comes back UNAUTHORIZED, which the screen explains.
  const fetchFn: FetchLike = (url, init) => win.fetch(url, init);
  return createHttpApi(fetchFn, token ?? '');
}
