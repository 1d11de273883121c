<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

/**
 * Runs a batch of writes as one database transaction: one commit (one log flush) for the batch
 * instead of one per statement. Work done before an exception is kept, as it would be without.
 */
final class Transaction
{
    /**
     * @template T
     * @param callable(): T $work
     * @return T
     */
    public static function run(callable $work): mixed
    {
        global $wpdb;
        $wpdb->query('START TRANSACTION');
        try {
            return $work();
        } finally {
            $wpdb->query('COMMIT');
        }
    }
}
