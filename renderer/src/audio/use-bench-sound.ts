import { useEffect } from 'react';
import { useAppStore } from '../store/store-context';
import { setSoundSettings, unlockAudioOnFirstGesture } from './play-cue';

/** Keeps the cue player in step with settings.sound, and lets it start on the first gesture. */
export function useBenchSound(): void {
  const sound = useAppStore((state) => state.settings?.sound);
  useEffect(() => {
    if (sound) setSoundSettings(sound);
  }, [sound]);
  useEffect(() => unlockAudioOnFirstGesture(window), []);
}
