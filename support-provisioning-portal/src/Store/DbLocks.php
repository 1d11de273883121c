<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/** Locks as MariaDB/MySQL named locks of this site (DbLock). */
final class DbLocks implements Locks
{
    public function acquire(string $purpose, int $timeoutSeconds): ?Lock
    {
        return DbLock::acquire($purpose, $timeoutSeconds);
    }
}
