<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Migration: the snapshot work a deployment has in flight, the per-template baseline switch, and
 * the mock node's snapshots table (docs/decisions/snapshots.md). Idempotent: adds what is missing.
 */
final class SnapshotTables
{
    private const COLUMNS = [
        Tables::TEMPLATES => ['baseline_snapshot' => 'tinyint(1) NOT NULL DEFAULT 1'],
        Tables::DEPLOYMENTS => ['snapshot_job' => 'text NULL'],
    ];

    public static function add(): void
    {
        global $wpdb;
        MissingColumns::add(self::COLUMNS);
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $snapshots = Tables::name(Tables::MOCK_SNAPSHOTS);
        dbDelta("CREATE TABLE {$snapshots} (
  vmid int(10) unsigned NOT NULL,
  name varchar(40) NOT NULL,
  description text NOT NULL,
  snaptime bigint(20) unsigned NOT NULL,
  vmstate tinyint(1) NOT NULL DEFAULT 0,
  config text NOT NULL,
  PRIMARY KEY  (vmid,name)
) {$wpdb->get_charset_collate()};");
    }
}
