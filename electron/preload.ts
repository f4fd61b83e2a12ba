import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '../shared/contract';
import type { PackbenchApi } from '../shared/contract';

// The renderer's only door to the station: one function per contract channel, each forwarding
// its input to the handler of the same name. Raw ipcRenderer is never exposed, so a page cannot
// send on other channels or listen to anything. Sandboxed preloads may only require 'electron'
// and a few built-ins, which is why this file is bundled into one CommonJS file.

/** What `window.packbench` is; the renderer imports this as a type only. */
export type PreloadApi = PackbenchApi;

function createApi(): PreloadApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of channels) {
    api[channel] = (input: unknown) => ipcRenderer.invoke(channel, input);
  }
  return Object.freeze(api) as unknown as PreloadApi;
}

contextBridge.exposeInMainWorld('packbench', createApi());
