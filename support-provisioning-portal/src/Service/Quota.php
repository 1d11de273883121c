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
 * Contingents: RAM (CONTRACT §5) and the owner's deployments that hold a VM
 * (docs/decisions/vm-contingent.md). Checks that add to them run under one database lock, so
 * concurrent requests on any number of web servers can never overshoot a limit.
 */
final class Quota
{
    private const LOCK_SECONDS = 15;

    /**
     * @return array{user: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     global: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     vms: array{limit: ?int, used: int, available: ?int}}
     */
    public static function usage(int $userId): array
    {
        [$userLimit, $globalLimit, $vmLimit] = self::limits($userId);
        [$userUsed, $vmsUsed, $globalUsed] = DeploymentStore::ownerAndSiteUsage($userId);
        return [
            'user' => ['limitMb' => $userLimit, 'usedMb' => $userUsed, 'availableMb' => QuotaPolicy::available($userLimit, $userUsed)],
            'global' => ['limitMb' => $globalLimit, 'usedMb' => $globalUsed, 'availableMb' => QuotaPolicy::available($globalLimit, $globalUsed)],
            'vms' => ['limit' => $vmLimit, 'used' => $vmsUsed, 'available' => QuotaPolicy::available($vmLimit, $vmsUsed)],
        ];
    }

    /**
     * Runs $allocate (which makes the RAM count, e.g. inserts a deployment) only if the owner's
     * limits and the global one leave room for $requestedMb, and for one more VM when $addsVm;
     * checks and $allocate happen under the quota lock.
     *
     * @template T
     * @param callable(): T $allocate
     * @return T|QuotaViolation
     * @throws \SupportProvisioningPortal\Store\LockTimeout when the quota lock is not free in time
     */
    public static function allocate(int $ownerId, int $requestedMb, callable $allocate, bool $addsVm = false): mixed
    {
        return DbLock::hold('quota', self::LOCK_SECONDS, static fn (): mixed => self::violation($ownerId, $requestedMb, $addsVm, true) ?? $allocate());
    }

    /**
     * Runs $move (which gives a deployment to $receiverId) only if the receiver's own limits leave
     * room for what the deployment holds, read by $holding under the quota lock. The site's totals
     * do not change, so the global limit is not checked (docs/decisions/hand-over.md).
     *
     * @template T
     * @param callable(): array{ramMb: int, holdsVm: bool} $holding
     * @param callable(): T $move
     * @return T|QuotaViolation
     * @throws \SupportProvisioningPortal\Store\LockTimeout when the quota lock is not free in time
     */
    public static function receive(int $receiverId, callable $holding, callable $move): mixed
    {
        return DbLock::hold('quota', self::LOCK_SECONDS, static function () use ($receiverId, $holding, $move): mixed {
            ['ramMb' => $ramMb, 'holdsVm' => $holdsVm] = $holding();
            return self::violation($receiverId, $ramMb, $holdsVm, false) ?? $move();
        });
    }

    /** What $requestedMb (and a VM when $addsVm) would overshoot for the owner, and globally when $global. */
    private static function violation(int $ownerId, int $requestedMb, bool $addsVm, bool $global): ?QuotaViolation
    {
        [$userLimit, $globalLimit, $vmLimit] = self::limits($ownerId);
        [$userUsed, $vmsHeld, $globalUsed] = $global ? DeploymentStore::ownerAndSiteUsage($ownerId) : [...DeploymentStore::ownerUsage($ownerId), 0];
        return ($addsVm ? QuotaPolicy::checkNewVm($vmLimit, $vmsHeld) : null)
            ?? QuotaPolicy::check($userLimit, $userUsed, $global ? $globalLimit : null, $globalUsed, $requestedMb);
    }

    /** @return array{0: ?int, 1: ?int, 2: ?int} user RAM, global RAM (MB) and user VM limit, null = unlimited */
    private static function limits(int $userId): array
    {
        $settings = SettingsStore::all();
        return [
            QuotaPolicy::effectiveUserLimit(RightsStore::ramLimitMb($userId), (int) $settings['defaultUserRamLimitMb']),
            QuotaPolicy::limitFromSetting((int) $settings['globalRamLimitMb']),
            QuotaPolicy::effectiveUserLimit(RightsStore::vmLimit($userId), (int) $settings['defaultUserVmLimit']),
        ];
    }
}
