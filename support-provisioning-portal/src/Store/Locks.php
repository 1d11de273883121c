<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Site-wide named locks, taken in turns by the site's requests and workers. DbLocks in the plugin
 * (MariaDB's GET_LOCK); the state-machine tests use locks that grant or refuse on command.
 */
interface Locks
{
    /** Null when another holder kept the lock for $timeoutSeconds. */
    public function acquire(string $purpose, int $timeoutSeconds): ?Lock;
}
