import { describe, expect, it } from 'vitest';
import { parseHidScaleReport } from '../../shared/scale/hid-scale';
import { createSimulatedScale, sampleReadings, simulatedHidReport } from '../../shared/scale/simulated';

describe('the simulated scale', () => {
  it('reads zero, stable, before anything is placed', () => {
    expect(createSimulatedScale(1).read(0)).toEqual({ grams: 0, stable: true, status: 'zero', rawUnit: 'g' });
  });

  it('a placed box swings, then settles on exactly its weight', () => {
    const scale = createSimulatedScale(42);
    scale.place(1250, 1000);
    const samples = sampleReadings(scale, 1000, 4000, 50);
    const firstStable = samples.findIndex(({ reading }) => reading.stable);
    expect(firstStable).toBeGreaterThan(0);
    expect(samples.slice(0, firstStable).every(({ reading }) => reading.status === 'in-motion')).toBe(true);
    expect(samples.slice(firstStable).every(({ reading }) => reading.status === 'ok' && reading.grams === 1250)).toBe(true);
    // Settling takes about the configured 800 ms, within the ±25 % each placement varies by.
    expect(samples[firstStable]?.atMs).toBeGreaterThanOrEqual(1000 + 600);
    expect(samples[firstStable]?.atMs).toBeLessThanOrEqual(1000 + 1000 + 50);
  });

  it('is deterministic: the same seed and placements read the same, however often it is read', () => {
    const a = createSimulatedScale(9);
    const b = createSimulatedScale(9);
    a.place(800, 0);
    b.place(800, 0);
    const everyTick = sampleReadings(a, 0, 1200, 10).filter(({ atMs }) => atMs % 100 === 0);
    expect(sampleReadings(b, 0, 1200, 100)).toEqual(everyTick);
    const other = createSimulatedScale(10);
    other.place(800, 0);
    expect(sampleReadings(other, 0, 500, 100)).not.toEqual(sampleReadings(a, 0, 500, 100));
  });

  it('removing the box passes through motion back to zero', () => {
    const scale = createSimulatedScale(3);
    scale.place(600, 0);
    scale.remove(2000);
    expect(scale.targetGrams).toBe(0);
    expect(scale.read(2050).status).toBe('in-motion');
    expect(scale.read(5000)).toEqual({ grams: 0, stable: true, status: 'zero', rawUnit: 'g' });
  });

  it('a box over capacity overloads the scale', () => {
    const scale = createSimulatedScale(5, { capacityGrams: 5000 });
    scale.place(7200, 0);
    expect(scale.read(3000).status).toBe('overload');
  });

  it('its HID reports read back through the USB scale parser as the same readings', () => {
    const scale = createSimulatedScale(11);
    scale.place(2300, 0);
    for (const { reading } of sampleReadings(scale, 0, 2500, 100)) {
      expect(parseHidScaleReport(simulatedHidReport(reading))).toEqual(reading);
    }
  });
});
