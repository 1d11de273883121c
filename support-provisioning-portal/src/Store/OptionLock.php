<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the lock row must be read and written past the options cache; the table is $wpdb->options, every value goes through $wpdb->prepare()

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\LockLease;

/**
 * A lock for databases without named locks (NamedLocks), after WordPress's own
 * WP_Upgrader::create_lock(): a row in the options table that only one INSERT IGNORE can add.
 * The row holds a lease (Domain\LockLease); a request that finds a stale one deletes exactly that
 * row and tries again. Like GET_LOCK, a request may take a lock it holds again, and every lock it
 * holds is released when it ends, however it ends.
 */
final class OptionLock
{
    private const POLL_MICROSECONDS = 100_000;

    /** @var array<string, array{lease: LockLease, depth: int}> the locks this request holds, by name */
    private static array $held = [];
    private static bool $releasesAtShutdown = false;

    public static function acquire(string $name, int $timeoutSeconds): bool
    {
        if (isset(self::$held[$name])) {
            self::$held[$name]['depth']++;
            return true;
        }
        $deadline = microtime(true) + $timeoutSeconds;
        while (!self::tryInsert($name)) {
            if (microtime(true) >= $deadline) {
                return false;
            }
            usleep(self::POLL_MICROSECONDS);
        }
        return true;
    }

    public static function release(string $name): void
    {
        if (!isset(self::$held[$name]) || --self::$held[$name]['depth'] > 0) {
            return;
        }
        $lease = self::$held[$name]['lease'];
        unset(self::$held[$name]);
        self::deleteRow($name, $lease->value());
    }

    /** Frees what a request still holds when PHP ends it (a fatal error, the time limit). */
    public static function releaseAll(): void
    {
        foreach (array_keys(self::$held) as $name) {
            self::$held[$name]['depth'] = 1;
            self::release($name);
        }
    }

    private static function tryInsert(string $name): bool
    {
        global $wpdb;
        $lease = LockLease::start(time());
        $added = $wpdb->query($wpdb->prepare(
            "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')",
            self::optionName($name),
            $lease->value()
        ));
        if ($added === 1) {
            self::hold($name, $lease);
            return true;
        }
        $current = $wpdb->get_var($wpdb->prepare("SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::optionName($name)));
        $found = is_string($current) ? LockLease::parse($current) : null;
        if (is_string($current) && ($found === null || $found->isStale(time()))) {
            // Only the row as read goes: a request that took the lock over meanwhile keeps its own.
            self::deleteRow($name, $current);
        }
        return false;
    }

    private static function hold(string $name, LockLease $lease): void
    {
        self::$held[$name] = ['lease' => $lease, 'depth' => 1];
        if (!self::$releasesAtShutdown) {
            self::$releasesAtShutdown = true;
            register_shutdown_function([self::class, 'releaseAll']);
        }
    }

    private static function deleteRow(string $name, string $value): void
    {
        global $wpdb;
        $wpdb->query($wpdb->prepare(
            "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s",
            self::optionName($name),
            $value
        ));
    }

    private static function optionName(string $name): string
    {
        return 'spp_lock_' . $name;
    }
}
