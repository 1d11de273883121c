<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Names of MariaDB/MySQL named locks (GET_LOCK). Named locks are server-wide and their names are
 * cut at 64 characters, so the database, table prefix and purpose are hashed: two sites or two
 * purposes never share a lock, however long their names. The purpose stays readable in front.
 */
final class LockName
{
    public const MAX_LENGTH = 64;
    private const READABLE_PURPOSE_LENGTH = 16;

    public static function for(string $database, string $tablePrefix, string $purpose): string
    {
        // NUL cannot occur in any of the three, so the joined text names exactly one triple.
        $scope = sha1($database . "\0" . $tablePrefix . "\0" . $purpose);
        return 'spp:' . substr($purpose, 0, self::READABLE_PURPOSE_LENGTH) . ':' . $scope;
    }
}
