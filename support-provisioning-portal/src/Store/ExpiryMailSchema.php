<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Migration: the mail log (which mail went out for which deployment, so each goes out once) and
 * the templates' lifetime caps (docs/decisions/expiry-mail.md). Idempotent.
 */
final class ExpiryMailSchema
{
    private const TEMPLATE_COLUMNS = [
        Tables::TEMPLATES => [
            // Creation to expiry, prolongs included; 0 = no cap beyond the maximum TTL per step.
            'max_lifetime_hours' => 'int(10) unsigned NOT NULL DEFAULT 0',
            'allow_never_expire' => 'tinyint(1) NOT NULL DEFAULT 1',
        ],
    ];

    public static function migrate(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $charset = $wpdb->get_charset_collate();
        $log = Tables::name(Tables::MAIL_LOG);
        dbDelta("CREATE TABLE {$log} (
  deployment_id bigint(20) unsigned NOT NULL,
  event varchar(100) NOT NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY  (deployment_id,event)
) {$charset};");
        MissingColumns::add(self::TEMPLATE_COLUMNS);
    }
}
