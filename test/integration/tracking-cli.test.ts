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
