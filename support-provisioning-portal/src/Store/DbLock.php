<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)
// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\LockName;

/**
 * A MariaDB/MySQL named lock (GET_LOCK), scoped to this site's database and table prefix. On a
 * database without named locks (SQLite in WordPress Playground) a lock row in the options table
 * (OptionLock) takes its place; see docs/decisions/db-lock-fallback.md.
 */
final class DbLock implements Lock
{
    private function __construct(private readonly string $name, private readonly bool $named)
    {
    }

    /** @return self|null null when another request held the lock for $timeoutSeconds */
    public static function acquire(string $purpose, int $timeoutSeconds): ?self
    {
        global $wpdb;
        $name = LockName::for(DB_NAME, $wpdb->prefix, $purpose);
        if (!NamedLocks::available()) {
            return OptionLock::acquire($name, $timeoutSeconds) ? new self($name, false) : null;
        }
        $got = $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $name, $timeoutSeconds));
        return $got === '1' ? new self($name, true) : null;
    }

    /**
     * Runs $work while holding the lock.
     *
     * @template T
     * @param callable(): T $work
     * @return T
     * @throws LockTimeout when the lock is not free within $timeoutSeconds
     */
    public static function hold(string $purpose, int $timeoutSeconds, callable $work): mixed
    {
        return LockedWork::run(new DbLocks(), $purpose, $timeoutSeconds, $work);
    }

    public function release(): void
    {
        global $wpdb;
        if (!$this->named) {
            OptionLock::release($this->name);
            return;
        }
        $wpdb->query($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $this->name));
    }
}
