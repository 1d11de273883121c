<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

/**
 * Migration: templates get a connection profile and the ticket-required flag, deployments their
 * ticket reference, customer and purpose.
 */
final class ConnectionKitColumns
{
    private const COLUMNS = [
        Tables::TEMPLATES => [
            'connection_profile' => 'text NULL',
            'require_ticket_ref' => 'tinyint(1) NOT NULL DEFAULT 0',
        ],
        Tables::DEPLOYMENTS => [
            'ticket_ref' => "varchar(64) NOT NULL DEFAULT ''",
            'customer' => "varchar(190) NOT NULL DEFAULT ''",
            'purpose' => "varchar(500) NOT NULL DEFAULT ''",
        ],
    ];

    public static function add(): void
    {
        MissingColumns::add(self::COLUMNS);
    }
}
