<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * Versioned, idempotent schema migrations. Checked on every load (activation does not run on
 * plugin updates) and serialised with a MariaDB named lock so two web servers never race.
 */
final class Schema
{
    public const VERSION_OPTION = 'spp_schema_version';
    private const LOCK_TIMEOUT_SECONDS = 10;

    /**
     * Each migration is idempotent: running it again changes nothing.
     *
     * @return array<int, callable(): void>
     */
    private static function migrations(): array
    {
        return [
            1 => [self::class, 'createTables'],
            2 => [TemplateSeeds::class, 'insertMissing'],
            3 => [self::class, 'createMockProxmoxTables'],
            // Added deployments.status_memory (quota RAM sums read the index alone, docs/benchmarks.md);
            // migration 5 replaced it.
            4 => [self::class, 'createTables'],
            // Adds deployments.ram_released, and status_ram in place of status_memory for the sums.
            5 => [self::class, 'addRamReleased'],
            // Adds where a deployment's VM lives and the proof it is its own, claim tokens and lock waits.
            6 => [self::class, 'addVmAddressing'],
            7 => [ConnectionKitColumns::class, 'add'],
            8 => [ExpiryMailSchema::class, 'migrate'],
            9 => [SnapshotTables::class, 'add'],
            10 => [PlacementColumns::class, 'add'],
            13 => [AutoloadedOptions::class, 'add'],
            14 => [AutoStopColumns::class, 'add'],
            16 => [UsageHistoryTable::class, 'create'],
            17 => [AutoloadedOptions::class, 'addMailSettings'],
        ];
    }

    public static function latestVersion(): int
    {
        return max(array_keys(self::migrations()));
    }

    public static function upgradeIfNeeded(): void
    {
        // Every request asks: the autoloaded option as WordPress holds it, no cache write (with a
        // persistent object cache a delete is a round trip). Under the lock it is read afresh.
        if ((int) get_option(self::VERSION_OPTION, 0) >= self::latestVersion()) {
            return;
        }
        $lock = DbLock::acquire('schema', self::LOCK_TIMEOUT_SECONDS);
        if ($lock === null) {
            return; // Another server is migrating; the next request checks again.
        }
        try {
            foreach (self::migrations() as $version => $migrate) {
                if ($version > self::installedVersion()) {
                    $migrate();
                    update_option(self::VERSION_OPTION, $version, true);
                }
            }
        } finally {
            $lock->release();
        }
    }

    public static function installedVersion(): int
    {
        wp_cache_delete(self::VERSION_OPTION, 'options');
        return (int) get_option(self::VERSION_OPTION, 0);
    }

    public static function createTables(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $charset = $wpdb->get_charset_collate();
        $templates = Tables::name(Tables::TEMPLATES);
        $deployments = Tables::name(Tables::DEPLOYMENTS);
        $shares = Tables::name(Tables::SHARES);
        $audit = Tables::name(Tables::AUDIT_LOGS);

        // dbDelta's parser wants one column per line and two spaces after PRIMARY KEY.
        dbDelta("CREATE TABLE {$templates} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(190) NOT NULL,
  description text NOT NULL,
  os_type varchar(32) NOT NULL,
  proxmox_vmid int(10) unsigned NOT NULL,
  node varchar(64) NOT NULL DEFAULT '',
  cpu_cores smallint(5) unsigned NOT NULL,
  memory_mb int(10) unsigned NOT NULL,
  disk_gb int(10) unsigned NOT NULL,
  default_ttl_hours int(10) unsigned NOT NULL,
  max_ttl_hours int(10) unsigned NOT NULL,
  start_after_create tinyint(1) NOT NULL DEFAULT 0,
  active tinyint(1) NOT NULL DEFAULT 1,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  KEY active_name (active,name),
  KEY proxmox_vmid (proxmox_vmid)
) {$charset};
CREATE TABLE {$deployments} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(190) NOT NULL,
  status varchar(16) NOT NULL,
  step varchar(32) NOT NULL DEFAULT '',
  template_id bigint(20) unsigned NOT NULL,
  owner_id bigint(20) unsigned NOT NULL,
  vm_connection varchar(190) NOT NULL DEFAULT '',
  node varchar(64) NOT NULL DEFAULT '',
  vmid int(10) unsigned DEFAULT NULL,
  vm_marker varchar(32) NOT NULL DEFAULT '',
  cpu_cores smallint(5) unsigned NOT NULL,
  memory_mb int(10) unsigned NOT NULL,
  disk_gb int(10) unsigned NOT NULL,
  never_expire tinyint(1) NOT NULL DEFAULT 0,
  ttl_hours int(10) unsigned DEFAULT NULL,
  expires_at datetime DEFAULT NULL,
  ip_addresses text NOT NULL,
  ip_addresses_updated_at datetime DEFAULT NULL,
  last_error text NOT NULL,
  task_upid varchar(255) NOT NULL DEFAULT '',
  claimed_until datetime DEFAULT NULL,
  claim_token varchar(32) NOT NULL DEFAULT '',
  retry_at datetime DEFAULT NULL,
  waiting_since datetime DEFAULT NULL,
  attempts smallint(5) unsigned NOT NULL DEFAULT 0,
  clone_attempts smallint(5) unsigned NOT NULL DEFAULT 0,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  deleted_at datetime DEFAULT NULL,
  ram_released tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY  (id),
  KEY owner_status (owner_id,status),
  KEY status_expires (status,expires_at),
  KEY status_claimed (status,claimed_until),
  KEY status_ram (status,ram_released,memory_mb),
  KEY template_id (template_id)
) {$charset};
CREATE TABLE {$shares} (
  deployment_id bigint(20) unsigned NOT NULL,
  user_id bigint(20) unsigned NOT NULL,
  created_by bigint(20) unsigned NOT NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY  (deployment_id,user_id),
  KEY user_id (user_id)
) {$charset};
CREATE TABLE {$audit} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  created_at datetime NOT NULL,
  actor_id bigint(20) unsigned NOT NULL DEFAULT 0,
  actor_login varchar(60) NOT NULL DEFAULT '',
  action varchar(64) NOT NULL,
  object_type varchar(32) NOT NULL DEFAULT '',
  object_id varchar(64) NOT NULL DEFAULT '',
  deployment_id bigint(20) unsigned DEFAULT NULL,
  result varchar(16) NOT NULL,
  details longtext NOT NULL,
  ip varchar(45) NOT NULL DEFAULT '',
  PRIMARY KEY  (id),
  KEY created_at (created_at),
  KEY actor_id (actor_id,id),
  KEY action (action,id),
  KEY deployment_id (deployment_id,id)
) {$charset};");
    }

    /**
     * A deployment deleted from EXPIRED or FAILED holds no RAM while its VM is destroyed
     * (docs/decisions/vm-contingent.md). The RAM sums then read status_ram alone.
     */
    public static function addRamReleased(): void
    {
        global $wpdb;
        self::createTables();
        $table = Tables::name(Tables::DEPLOYMENTS);
        if ($wpdb->get_var($wpdb->prepare("SHOW INDEX FROM {$table} WHERE Key_name = %s", 'status_memory')) !== null) {
            $wpdb->query("ALTER TABLE {$table} DROP INDEX status_memory");
        }
    }

    /**
     * New columns, then the connection of deployments made before it was recorded: those whose VM
     * is in the mock node's table, and all of them on a site in mock mode, were made on the mock.
     * The rest stay '' (made in HTTP mode on a connection not recorded; see VmLocator).
     */
    public static function addVmAddressing(): void
    {
        global $wpdb;
        self::createTables();
        $deployments = Tables::name(Tables::DEPLOYMENTS);
        $mockVms = Tables::name(Tables::MOCK_VMS);
        $wpdb->query("UPDATE {$deployments} d INNER JOIN {$mockVms} m ON m.vmid = d.vmid"
            . " SET d.vm_connection = 'mock'"
            . " WHERE d.vm_connection = '' AND (m.name = CONCAT('spp-', d.id) OR m.name LIKE CONCAT('spp-', d.id, '-%'))");
        if (SettingsStore::all()['mode'] === SettingsStore::MODE_MOCK) {
            $wpdb->query("UPDATE {$deployments} SET vm_connection = 'mock' WHERE vm_connection = '' AND vmid IS NOT NULL");
        }
    }

    /** The mock Proxmox adapter keeps its VMs and tasks in the database: web servers share no disk. */
    public static function createMockProxmoxTables(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $charset = $wpdb->get_charset_collate();
        $vms = Tables::name(Tables::MOCK_VMS);
        $tasks = Tables::name(Tables::MOCK_TASKS);
        dbDelta("CREATE TABLE {$vms} (
  vmid int(10) unsigned NOT NULL,
  name varchar(190) NOT NULL,
  template_vmid int(10) unsigned NOT NULL,
  status varchar(16) NOT NULL,
  cores smallint(5) unsigned NOT NULL DEFAULT 1,
  memory_mb int(10) unsigned NOT NULL DEFAULT 512,
  description text NOT NULL,
  tags varchar(255) NOT NULL DEFAULT '',
  protected tinyint(1) NOT NULL DEFAULT 0,
  locked_until datetime DEFAULT NULL,
  started_at datetime DEFAULT NULL,
  PRIMARY KEY  (vmid)
) {$charset};
CREATE TABLE {$tasks} (
  upid varchar(190) NOT NULL,
  ends_at datetime NOT NULL,
  exit_status varchar(255) NOT NULL,
  PRIMARY KEY  (upid)
) {$charset};");
    }
}
