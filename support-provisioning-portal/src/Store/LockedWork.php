<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/** Work done while holding a site lock, released however the work ends. */
final class LockedWork
{
    /**
     * @template T
     * @param callable(): T $work
     * @return T
     * @throws LockTimeout when the lock is not free within $timeoutSeconds
     */
    public static function run(Locks $locks, string $purpose, int $timeoutSeconds, callable $work): mixed
    {
        $lock = $locks->acquire($purpose, $timeoutSeconds) ?? throw new LockTimeout($purpose);
        try {
            return $work();
        } finally {
            $lock->release();
        }
    }
}
