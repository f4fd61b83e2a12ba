import { benchChecks } from './checks';
import { benchChoice } from './choice';
import { benchCrash } from './crash';
import type { GroupResult } from './figures';
import { benchImport } from './import';
import { benchMetrics } from './metrics';
import { benchPrint } from './print';
import { benchScan } from './scan';
import { benchScreen } from './screen';
import { benchSync } from './sync';
import { benchTracking } from './tracking';

export { syntheticReport } from './import';

// `npm run bench [-- GROUP...]`: one JSON line per figure on stdout, progress on stderr.
const GROUPS: Record<string, () => Promise<GroupResult>> = {
  scan: benchScan,
  import: benchImport,
  crash: benchCrash,
  screen: benchScreen,
  checks: benchChecks,
  choice: benchChoice,
  tracking: benchTracking,
  print: benchPrint,
  sync: benchSync,
  metrics: benchMetrics,
};

export async function main(argv: string[]): Promise<number> {
  const wanted = argv.filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !(name in GROUPS));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark group(s): ${unknown.join(', ')}. Known: ${Object.keys(GROUPS).join(', ')}\n`);
    return 2;
  }
  let failed = false;
  for (const [name, run] of Object.entries(GROUPS)) {
    if (wanted.length === 0 || wanted.includes(name)) failed = ((await run()) ?? { failed: false }).failed || failed;
  }
  return failed ? 1 : 0;
}
