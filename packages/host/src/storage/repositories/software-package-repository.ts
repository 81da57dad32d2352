import type { Kysely } from 'kysely';
import type { HostSchema, SoftwarePackagesTable } from '../schema/host-schema.js';

export type SoftwarePackageRecord = SoftwarePackagesTable;

/** A package without its file bytes: what lists and the TMS's memory hold. */
export type SoftwarePackageSummary = Omit<SoftwarePackagesTable, 'packageBytes'>;

export interface SoftwarePackageRepository {
  /** Refuses (unique constraint) a second package with the same version or payload SHA-256. */
  insert(record: SoftwarePackageRecord): Promise<void>;
  /** Every package, oldest first, without file bytes. */
  list(): Promise<SoftwarePackageSummary[]>;
  /** The whole `.ptpkg` file of a package. */
  packageBytes(id: number): Promise<Uint8Array | undefined>;
}

const SUMMARY_COLUMNS = [
  'id',
  'appId',
  'version',
  'minVersion',
  'sha256',
  'sizeBytes',
  'prefixBytes',
  'keyId',
  'manifestJson',
  'signatureHex',
  'publishedAt',
  'publishedBy',
] as const;

export class KyselySoftwarePackageRepository implements SoftwarePackageRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(record: SoftwarePackageRecord): Promise<void> {
    await this.#db.insertInto('softwarePackages').values(record).execute();
  }

  list(): Promise<SoftwarePackageSummary[]> {
    return this.#db.selectFrom('softwarePackages').select(SUMMARY_COLUMNS).orderBy('id').execute();
  }

  async packageBytes(id: number): Promise<Uint8Array | undefined> {
    const row = await this.#db
      .selectFrom('softwarePackages')
      .select('packageBytes')
      .where('id', '=', id)
      .executeTakeFirst();
    // Both drivers return a Buffer; callers get a plain Uint8Array view of it.
    return row === undefined
      ? undefined
      : new Uint8Array(row.packageBytes.buffer, row.packageBytes.byteOffset, row.packageBytes.byteLength);
  }
}
