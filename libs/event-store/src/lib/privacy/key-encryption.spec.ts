import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  kekIdOf,
  KeyEncryptionKeyFileMissingError,
  KeyEncryptionKeyFormatError,
  KeyEncryptionKeyUnknownError,
  LocalKeyEncryptionKeys,
  readKeyEncryptionKeyFile,
} from './key-encryption';

describe('key-encryption keys held in this process', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spn-kek-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('wraps with the current KEK, records its id, and unwraps with any KEK held', async () => {
    const [old, current] = [randomBytes(32), randomBytes(32)];
    const before = new LocalKeyEncryptionKeys(old);
    const ring = new LocalKeyEncryptionKeys(current, [old]);
    const dataKey = randomBytes(32);
    const wrappedBefore = await before.wrap(dataKey, 'subject-1');
    const wrapped = await ring.wrap(dataKey, 'subject-1');
    expect(wrappedBefore.kekId).toBe(kekIdOf(old));
    expect(wrapped.kekId).toBe(kekIdOf(current));
    expect(ring.ids()).toEqual([kekIdOf(current), kekIdOf(old)]);
    expect(wrapped.wrapped).toHaveLength(12 + 16 + 32);
    expect((await ring.unwrap(wrapped, 'subject-1')).equals(dataKey)).toBe(true);
    expect((await ring.unwrap(wrappedBefore, 'subject-1')).equals(dataKey)).toBe(true);
    await expect(new LocalKeyEncryptionKeys(current).unwrap(wrappedBefore, 'subject-1')).rejects.toEqual(
      new KeyEncryptionKeyUnknownError(kekIdOf(old)),
    );
  });

  it('makes the embedded key file once, owner-only, and reads the same KEK again', async () => {
    const path = join(dir, 'kek', 'kek.txt');
    const [made, again] = await Promise.all([
      readKeyEncryptionKeyFile(path, { create: true }),
      readKeyEncryptionKeyFile(path, { create: true }),
    ]);
    expect(made.currentId).toBe(again.currentId);
    expect((await readKeyEncryptionKeyFile(path)).currentId).toBe(made.currentId);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(made.currentId).toMatch(/^kek-[0-9a-f]{16}$/);
  });

  it('refuses a missing file it may not make, and key text that is not 32 bytes, without echoing it', async () => {
    const path = join(dir, 'absent.txt');
    await expect(readKeyEncryptionKeyFile(path)).rejects.toBeInstanceOf(KeyEncryptionKeyFileMissingError);
    await writeFile(path, 'not-a-key-but-a-secret\n');
    const refused = await readKeyEncryptionKeyFile(path).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeyEncryptionKeyFormatError);
    expect((refused as Error).message).not.toContain('not-a-key');
    expect(() => LocalKeyEncryptionKeys.parse(randomBytes(16).toString('base64'))).toThrow(
      'SPN_KEK: a key-encryption key must be 32 random bytes in base64',
    );
  });

  it('reads the file’s further lines as earlier KEKs, still opening what they wrapped', async () => {
    const [old, current] = [randomBytes(32), randomBytes(32)];
    const path = join(dir, 'kek.txt');
    await writeFile(path, `# comment\n${current.toString('base64')}\n${old.toString('base64url')}\n`);
    const ring = await readKeyEncryptionKeyFile(path);
    expect(ring.ids()).toEqual([kekIdOf(current), kekIdOf(old)]);
    expect(await readFile(path, 'utf8')).toContain('# comment');
  });
});
