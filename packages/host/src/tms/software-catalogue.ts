import {
  SoftwareError,
  TERMINAL_APP_ID,
  verifyPackage,
  verifySignedManifest,
  type TrustedKey,
} from '@payterm/software';
import type { Clock } from '@payterm/kernel';
import type {
  SoftwarePackageRepository,
  SoftwarePackageSummary,
} from '../storage/repositories/software-package-repository.js';
import { tmsError } from './tms-error.js';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** How many package files stay in memory for 363 chunks (a file is a few hundred kilobytes). */
const CACHED_FILES = 8;

/**
 * Published packages: each verified against the trusted keys before it is stored, summaries in memory,
 * files read from the database on first use and kept for the chunks that follow.
 */
export class SoftwareCatalogue {
  readonly #repository: SoftwarePackageRepository;
  readonly #clock: Clock;
  readonly #trustedKeys: () => Promise<readonly TrustedKey[]>;
  readonly #packages: SoftwarePackageSummary[];
  readonly #files = new Map<number, Promise<Uint8Array | undefined>>();

  private constructor(
    repository: SoftwarePackageRepository,
    clock: Clock,
    trustedKeys: () => Promise<readonly TrustedKey[]>,
    packages: SoftwarePackageSummary[],
  ) {
    this.#repository = repository;
    this.#clock = clock;
    this.#trustedKeys = trustedKeys;
    this.#packages = packages;
  }

  static async load(
    repository: SoftwarePackageRepository,
    clock: Clock,
    trustedKeys: () => Promise<readonly TrustedKey[]>,
  ): Promise<SoftwareCatalogue> {
    return new SoftwareCatalogue(repository, clock, trustedKeys, await repository.list());
  }

  list(): readonly SoftwarePackageSummary[] {
    return this.#packages;
  }

  get(id: number): SoftwarePackageSummary | undefined {
    return this.#packages.find((summary) => summary.id === id);
  }

  bySha256(sha256: string): SoftwarePackageSummary | undefined {
    return this.#packages.find((summary) => summary.sha256 === sha256);
  }

  /** The whole `.ptpkg` of a package, from memory after the first read. */
  file(id: number): Promise<Uint8Array | undefined> {
    let file = this.#files.get(id);
    if (file === undefined) {
      file = this.#repository.packageBytes(id);
      this.#files.set(id, file);
      file.catch(() => this.#files.delete(id));
      if (this.#files.size > CACHED_FILES) this.#files.delete(this.#files.keys().next().value!);
    }
    return file;
  }

  /**
   * Verifies and stores a package: signature by a trusted key, a terminal application manifest, payload
   * size and SHA-256 (TMS_PACKAGE_REJECTED with the SOFTWARE_* code); a version or payload published
   * before is TMS_VERSION_PUBLISHED.
   */
  async publish(bytes: Uint8Array, publishedBy: string): Promise<SoftwarePackageSummary> {
    const file = new Uint8Array(bytes);
    const verified = await this.#verify(file);
    const manifest = verified.manifest;
    if (
      this.#packages.some((known) => known.version === manifest.version || known.sha256 === manifest.sha256)
    ) {
      throw tmsError(
        'TMS_VERSION_PUBLISHED',
        `Version ${manifest.version} or its payload is published already`,
        {
          version: manifest.version,
        },
      );
    }
    const record = {
      id: Math.max(0, ...this.#packages.map((known) => known.id)) + 1,
      appId: manifest.appId,
      version: manifest.version,
      minVersion: manifest.minVersion,
      sha256: manifest.sha256,
      sizeBytes: manifest.size,
      prefixBytes: verified.payloadOffset,
      keyId: verified.keyId,
      manifestJson: new TextDecoder().decode(verified.manifestBytes),
      signatureHex: hex(verified.signature),
      publishedAt: this.#clock.nowMs(),
      publishedBy,
    };
    await this.#repository.insert({ ...record, packageBytes: file });
    this.#packages.push(record);
    this.#files.set(record.id, Promise.resolve(file));
    return record;
  }

  async #verify(file: Uint8Array) {
    const trustedKeys = await this.#trustedKeys();
    try {
      const prefix = verifySignedManifest(file, trustedKeys);
      if (prefix.manifest.appId !== TERMINAL_APP_ID) {
        throw tmsError(
          'TMS_PACKAGE_REJECTED',
          `The package is for ${prefix.manifest.appId}, not ${TERMINAL_APP_ID}`,
          {
            softwareCode: 'SOFTWARE_INCOMPATIBLE',
          },
        );
      }
      // The policy checks (ABI, versions) are the terminal's; the host checks the payload against its manifest.
      return verifyPackage(file, {
        trustedKeys,
        runningVersion: prefix.manifest.minVersion,
        abi: prefix.manifest.abi,
      });
    } catch (error) {
      if (!(error instanceof SoftwareError)) throw error;
      throw tmsError(
        'TMS_PACKAGE_REJECTED',
        `The package is refused: ${error.message} (${error.code})`,
        {
          softwareCode: error.code,
        },
        { cause: error },
      );
    }
  }
}
