import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DomainError } from '../../shared/result';

/** Login with Amazon credentials of the seller's SP-API application. */
export type MarketplaceCredentials = { clientId: string; clientSecret: string; refreshToken: string };

const credentialsSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), refreshToken: z.string().min(1) });

/**
 * Where the credentials live. Never in the settings table (which is readable by every tool
 * that opens the database) and never sent to the screen: the screen only learns whether they
 * are there.
 */
export type CredentialStore = {
  read(): MarketplaceCredentials | null;
  write(credentials: MarketplaceCredentials): void;
  /** Where and how they are kept, for the log and the README. */
  describe(): string;
};

// Written next to the target and renamed over it, so a crash never leaves half a file.
function writeAtomically(path: string, data: string | Buffer): void {
  const part = `${path}.part`;
  writeFileSync(part, data, { mode: 0o600 });
  chmodSync(part, 0o600);
  renameSync(part, path);
}

function parse(text: string, where: string): MarketplaceCredentials {
  const parsed = credentialsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new DomainError('CREDENTIALS_UNREADABLE', `The marketplace credentials in ${where} are incomplete: enter them again in Settings.`);
  return parsed.data;
}

/**
 * Browser mode and the command line: a JSON file that only the user who runs the bench can
 * read (mode 0600). On Windows the file inherits the folder's permissions (the user's profile).
 */
export function fileCredentialStore(path: string): CredentialStore {
  return {
    read() {
      if (!existsSync(path)) return null;
      return parse(readFileSync(path, 'utf8'), path);
    },
    write(credentials) {
      writeAtomically(path, JSON.stringify(credentialsSchema.parse(credentials)));
    },
    describe: () => `file ${path} (readable by this user only)`,
  };
}

/** Electron's safeStorage, passed in so this file does not import Electron. */
export type Encryptor = { available: () => boolean; encrypt: (text: string) => Buffer; decrypt: (data: Buffer) => string };

/**
 * The desktop app: encrypted with the operating system's keychain through Electron's
 * safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). Without a
 * keychain it refuses to store rather than fall back to plain text silently.
 */
export function encryptedCredentialStore(path: string, encryptor: Encryptor): CredentialStore {
  return {
    read() {
      if (!existsSync(path)) return null;
      if (!encryptor.available()) throw new DomainError('CREDENTIALS_LOCKED', 'The system keychain is not available, so the marketplace credentials cannot be read.');
      return parse(encryptor.decrypt(readFileSync(path)), path);
    },
    write(credentials) {
      if (!encryptor.available()) {
        throw new DomainError('CREDENTIALS_LOCKED', 'The system keychain is not available: the marketplace credentials cannot be stored safely on this computer.');
      }
      writeAtomically(path, encryptor.encrypt(JSON.stringify(credentialsSchema.parse(credentials))));
    },
    describe: () => `file ${path}, encrypted with the system keychain`,
  };
}

/**
 * Credentials from the environment (PACKBENCH_LWA_CLIENT_ID, PACKBENCH_LWA_CLIENT_SECRET,
 * PACKBENCH_LWA_REFRESH_TOKEN), for a scheduled `packbench sync`; null unless all three are set.
 */
export function environmentCredentials(env: Record<string, string | undefined>): MarketplaceCredentials | null {
  const clientId = env['PACKBENCH_LWA_CLIENT_ID'];
  const clientSecret = env['PACKBENCH_LWA_CLIENT_SECRET'];
  const refreshToken = env['PACKBENCH_LWA_REFRESH_TOKEN'];
  return clientId && clientSecret && refreshToken ? { clientId, clientSecret, refreshToken } : null;
}

/** A store that reads fixed credentials (from the environment or a settings file) and refuses writes. */
export function fixedCredentialStore(credentials: MarketplaceCredentials, where: string): CredentialStore {
  return {
    read: () => credentials,
    write() {
      throw new DomainError('CREDENTIALS_FIXED', `The marketplace credentials come from ${where}; change them there.`);
    },
    describe: () => where,
  };
}
