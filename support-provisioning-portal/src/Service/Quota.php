<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\RightsStore;

/**
 * RAM contingents (CONTRACT §5). Checks that add RAM run under one database lock, so concurrent
 * requests on any number of web servers can never overshoot a limit.
 */
final class Quota
{
    private const LOCK_SECONDS = 15;

    /**
     * @return array{user: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     global: array{limitMb: ?int, usedMb: int, availableMb: ?int}}
     */
    public static function usage(int $userId): array
    {
        [$userLimit, $globalLimit] = self::limits($userId);
        $userUsed = DeploymentStore::allocatedMb($userId);
        $globalUsed = DeploymentStore::allocatedMb(null);
        return [
            'user' => ['limitMb' => $userLimit, 'usedMb' => $userUsed, 'availableMb' => QuotaPolicy::availableMb($userLimit, $userUsed)],
            'global' => ['limitMb' => $globalLimit, 'usedMb' => $globalUsed, 'availableMb' => QuotaPolicy::availableMb($globalLimit, $globalUsed)],
        ];
    }

    /**
     * Runs $allocate (which makes the RAM count, e.g. inserts a deployment) only if the owner's
     * and the global limits leave room for $requestedMb; both happen under the quota lock.
     *
     * @template T
     * @param callable(): T $allocate
     * @return T|QuotaViolation
     */
    public static function allocate(int $ownerId, int $requestedMb, callable $allocate): mixed
    {
        $lock = DbLock::acquire('quota', self::LOCK_SECONDS);
        if ($lock === null) {
            throw new \RuntimeException('The quota lock is held too long by another request; try again.');
        }
        try {
            [$userLimit, $globalLimit] = self::limits($ownerId);
            $violation = QuotaPolicy::check(
                $userLimit,
                DeploymentStore::allocatedMb($ownerId),
                $globalLimit,
                DeploymentStore::allocatedMb(null),
                $requestedMb
            );
            return $violation ?? $allocate();
        } finally {
            $lock->release();
        }
    }

    /** @return array{0: ?int, 1: ?int} user and global limit in MB, null = unlimited */
    private static function limits(int $userId): array
    {
        $settings = SettingsStore::all();
        return [
            QuotaPolicy::effectiveUserLimitMb(RightsStore::ramLimitMb($userId), (int) $settings['defaultUserRamLimitMb']),
            QuotaPolicy::limitFromSetting((int) $settings['globalRamLimitMb']),
        ];
    }
}
