<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

/**
 * Migration 16: the usage history the reports count from (docs/decisions/usage-report.md). One row
 * per stretch of time a deployment held RAM or a VM in one state; `open_deployment` is set on the
 * stretch still running, so a deployment has at most one. The two keys cover the report's reads
 * (ended stretches by start, open ones by `ended_at IS NULL`), which never read the rows
 * themselves. Idempotent: dbDelta, and deployments that already have an open stretch are left alone.
 */
final class UsageHistoryTable
{
    public static function create(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $history = Tables::name(Tables::USAGE_HISTORY);
        dbDelta("CREATE TABLE {$history} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  deployment_id bigint(20) unsigned NOT NULL,
  owner_id bigint(20) unsigned NOT NULL,
  owner_login varchar(60) NOT NULL DEFAULT '',
  template_id bigint(20) unsigned NOT NULL,
  status varchar(16) NOT NULL,
  ram_mb int(10) unsigned NOT NULL,
  holds_vm tinyint(1) NOT NULL,
  started_at datetime NOT NULL,
  ended_at datetime DEFAULT NULL,
  open_deployment bigint(20) unsigned DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY open_deployment (open_deployment),
  KEY ended_started (ended_at,started_at,ram_mb,holds_vm,owner_id,template_id,deployment_id),
  KEY started_ended (started_at,ended_at,ram_mb,holds_vm,owner_id,template_id,deployment_id)
) {$wpdb->get_charset_collate()};");
        // What the deployments hold now starts the history; earlier changes were not recorded.
        UsageHistory::openMissing();
    }
}
