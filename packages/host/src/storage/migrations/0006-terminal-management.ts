import type { Kysely, Migration } from 'kysely';
import type { StorageDialect } from '../database/open-database.js';

/**
 * Terminal management of issue 8 (docs/TMS.md §4): signed software packages (the whole `.ptpkg` file,
 * its manifest and signature), rollouts and each terminal's progress in them, versioned parameter sets
 * and the software version each terminal last reported. Ids of packages, rollouts and parameter sets
 * are integers the TMS assigns (a parameter set's id is its version).
 */
export function terminalManagement(dialect: StorageDialect): Migration {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('software_packages')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull().unique())
        .addColumn('min_version', 'text', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('prefix_bytes', 'integer', (c) => c.notNull())
        .addColumn('key_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('manifest_json', 'text', (c) => c.notNull())
        .addColumn('signature_hex', 'varchar(128)', (c) => c.notNull())
        .addColumn('package_bytes', binary, (c) => c.notNull())
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('rollouts')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('package_id', 'integer', (c) => c.notNull().references('software_packages.id'))
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_value', 'text', (c) => c.notNull())
        .addColumn('window_from', 'bigint')
        .addColumn('window_to', 'bigint')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('rollout_terminals')
        .addColumn('rollout_id', 'integer', (c) => c.notNull().references('rollouts.id'))
        .addColumn('tid', 'varchar(8)', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('bytes_received', 'bigint', (c) => c.notNull())
        .addColumn('reason_code', 'text')
        .addColumn('reason_text', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('rollout_terminals_pk', ['rollout_id', 'tid'])
        .execute();

      await db.schema
        .createTable('parameter_sets')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('scope_id', 'text', (c) => c.notNull())
        .addColumn('values_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('parameter_sets_scope_idx')
        .on('parameter_sets')
        .columns(['scope', 'scope_id', 'version'])
        .execute();

      await db.schema
        .createTable('terminal_software')
        .addColumn('tid', 'varchar(8)', (c) => c.primaryKey().references('terminals.tid'))
        .addColumn('running_version', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'terminal_software',
        'parameter_sets',
        'rollout_terminals',
        'rollouts',
        'software_packages',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
