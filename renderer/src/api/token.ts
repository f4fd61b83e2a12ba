// The browser-mode host prints an address like http://127.0.0.1:PORT/#token=…; the token is in
// the fragment so it never reaches a server log or a Referer header. It is kept for the tab's
// life in sessionStorage (a reload keeps working) and removed from the address bar at once,
// so it is not left on screen, in history or in a shared screenshot.

export const TOKEN_STORAGE_KEY = 'packbench.token';

export type TokenSources = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
};

export function takeAccessToken({ location, history, storage }: TokenSources): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl !== null) {
    if (fromUrl !== '') storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`);
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}
