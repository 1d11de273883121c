<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * A MariaDB/MySQL named lock (GET_LOCK), scoped to this site's table prefix.
 */
final class DbLock
{
    private function __construct(private readonly string $name)
    {
    }

    public static function acquire(string $purpose, int $timeoutSeconds): ?self
    {
        global $wpdb;
        // Named locks are server-wide: the database and table prefix keep sites apart.
        $name = substr('spp:' . DB_NAME . ':' . $wpdb->prefix . ':' . $purpose, 0, 64);
        $got = $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $name, $timeoutSeconds));
        return $got === '1' ? new self($name) : null;
    }

    public function release(): void
    {
        global $wpdb;
        $wpdb->query($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $this->name));
    }
}
