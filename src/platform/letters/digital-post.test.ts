// Outbox files of the local Digital Post carry CPR numbers: only the service's own user may read them.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDigitalPost } from './digital-post.js';

describe('LocalDigitalPost', () => {
  it('writes each message 0600 in a 0700 folder, whatever the umask', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'spire-dp-mode-')), 'outbox');
    const old = process.umask(0o022);
    try {
      await new LocalDigitalPost(dir).send(
        { messageUUID: '6a0b3a57-0f5e-4b43-9d6a-3d6f0f2f1c11' } as any,
        '<xml>0101011234</xml>',
      );
    } finally {
      process.umask(old);
    }
    const [file] = readdirSync(dir);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
