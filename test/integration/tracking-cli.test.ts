import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { tempDir } from '../support/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('npx packbench tracking-check', () => {
  it('names the carrier and format of each valid number and exits 0', async () => {
    const result = await run(['tracking-check', 'RR123456785CN', 'rr 1234 5678 5cn']);
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(2);
    expect(result.out[0]).toMatch(/^RR123456785CN\tvalid\tUPU .*\(CN\)$/);
    expect(result.out[1]).toMatch(/\tvalid\t/);
  });

  it('says why a number is not valid and exits 1 when any is not', async () => {
    const result = await run(['tracking-check', 'RR123456785CN', 'RR123456784CN', 'RR123456785XX', 'hello']);
    expect(result.code).toBe(1);
    expect(result.out[1]).toMatch(/INVALID\t.*\[TRACKING_BAD_CHECK_DIGIT\]$/);
    expect(result.out[2]).toMatch(/INVALID\t.*\[TRACKING_BAD_COUNTRY\]$/);
    expect(result.out[3]).toMatch(/INVALID\t.*\[TRACKING_UNRECOGNIZED\]$/);
    expect(result.err.at(-1)).toBe('1 valid, 3 invalid.');
  });

  it('reads a file of numbers, skipping blank lines and comments', async () => {
    const file = dir.file('numbers.txt');
    writeFileSync(file, '# range from China Post\nRR123456785CN\n\n1Z999AA10123456784\r\n');
    const result = await run(['tracking-check', '--file', file]);
    expect(result.code).toBe(0);
    expect(result.out.map((line) => line.split('\t')[0])).toEqual(['RR123456785CN', '1Z999AA10123456784']);
    expect(result.out[1]).toMatch(/\tvalid\tUPS /);
  });

  it('asks for numbers when given none, and names a file it cannot read', async () => {
    expect((await run(['tracking-check'])).code).toBe(2);
    const missing = await run(['tracking-check', '--file', dir.file('nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/Cannot read/);
  });
});

describe('npx packbench import-carriers and import-ranges', () => {
  it('imports the catalogue from JSON or CSV, refuses a broken one without change, and adds ranges all or nothing', async () => {
    const db = dir.file('bench.db');
    const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
    const json = await run(['import-carriers', fixture('carriers.json'), '--db', db]);
    expect(json.code).toBe(0);
    expect(json.out.at(-1)).toMatch(/3 service\(s\) saved, 0 no longer in the catalogue deactivated\.$/);
    const csv = await run(['import-carriers', fixture('carrier-services.csv'), fixture('carrier-rates.csv'), '--db', db]);
    expect(csv.code).toBe(0);

    const broken = dir.file('broken.json');
    writeFileSync(broken, '{"format":"packbench-carriers","version":1,"services":[{"id":"X"}]}');
    const refused = await run(['import-carriers', broken, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err.at(-1)).toMatch(/not imported, \d+ error\(s\); the catalogue is unchanged\./);

    const ranges = dir.file('ranges.csv');
    writeFileSync(ranges, 'service_id,prefix,suffix,first,last,reference,low_warning_at\nDHL-EXP-WW,47,,2000000,2000999,DHL block 7,1500\nDHL-EXP-WW,47,,2000500,2000600,overlap,10\n');
    const overlapping = await run(['import-ranges', ranges, '--db', db]);
    expect(overlapping.code).toBe(1);
    expect(overlapping.out).toEqual([expect.stringMatching(/^ {2}line 3: .*\[RANGE_OVERLAPS\]$/)]);
    writeFileSync(ranges, 'service_id,prefix,suffix,first,last,reference,low_warning_at\nDHL-EXP-WW,47,,2000000,2000999,DHL block 7,1500\n');
    const added = await run(['import-ranges', ranges, '--db', db]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('  DHL-EXP-WW: 1000 number(s) left — LOW (warning at 1500)');
  });
});
