<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Whether the site's database has MariaDB/MySQL named locks (GET_LOCK). The one database
 * WordPress runs on without them is SQLite, through the SQLite Database Integration drop-in
 * (WordPress Playground, the directory's Live Preview): it answers GET_LOCK with a constant
 * string and locks nothing. The drop-in names itself in constants, so asking costs no query.
 */
final class NamedLocks
{
    public static function available(): bool
    {
        $sqlite = (defined('DB_ENGINE') && DB_ENGINE === 'sqlite')
            || (defined('DATABASE_TYPE') && DATABASE_TYPE === 'sqlite');
        return !$sqlite;
    }
}
