// User-timing marks around each scan, so the time from the scanner's Enter to the result on
// screen can be measured in a real browser (the Chromium benchmark reads these measures).
// Names: `scan-to-paint` (Enter → painted), `scan-round-trip` (request sent → answer back).

const hasPerformance = typeof performance !== 'undefined' && typeof performance.mark === 'function';

function mark(name: string): void {
  if (hasPerformance) performance.mark(name);
}

export function markScanReceived(scanId: string): void {
  mark(`scan:${scanId}:received`);
}

export function markScanSent(scanId: string): void {
  mark(`scan:${scanId}:sent`);
}

export function markScanAnswered(scanId: string): void {
  mark(`scan:${scanId}:answered`);
}

/** After the store has the answer: the frame that shows it is painted once this frame's callbacks have run. */
export function markScanPaintedSoon(scanId: string): void {
  if (!hasPerformance || typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    // A task queued from inside the frame runs after that frame has been painted.
    setTimeout(() => {
      const prefix = `scan:${scanId}:`;
      try {
        mark(`${prefix}painted`);
        performance.measure('scan-to-paint', `${prefix}received`, `${prefix}painted`);
        performance.measure('scan-round-trip', `${prefix}sent`, `${prefix}answered`);
      } catch {
        // A mark is missing (the scan was not sent, e.g. behind an alert): nothing to measure.
      }
      for (const suffix of ['received', 'sent', 'answered', 'painted']) performance.clearMarks(`${prefix}${suffix}`);
    }, 0);
  });
}
