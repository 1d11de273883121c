<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Migration: a template's auto-stop schedule, and the site-local day on which the schedule last
 * stopped a deployment (docs/decisions/expiry-mail.md). Idempotent.
 */
final class AutoStopColumns
{
    private const COLUMNS = [
        Tables::TEMPLATES => [
            // '' = off, else HH:MM in the site's timezone.
            'auto_stop_time' => "varchar(5) NOT NULL DEFAULT ''",
            // ISO weekdays (1 = Monday), comma-separated.
            'auto_stop_days' => "varchar(13) NOT NULL DEFAULT '1,2,3,4,5'",
        ],
        Tables::DEPLOYMENTS => [
            'auto_stopped_on' => 'date NULL',
        ],
    ];

    public static function add(): void
    {
        MissingColumns::add(self::COLUMNS);
    }
}
