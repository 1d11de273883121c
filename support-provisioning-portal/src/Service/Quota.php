<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Store\LockedWork;
use SupportProvisioningPortal\Store\Locks;
use SupportProvisioningPortal\Store\LockTimeout;
use SupportProvisioningPortal\Wiring;

/**
 * Contingents: RAM (CONTRACT §5) and the owner's deployments that hold a VM
 * (docs/decisions/vm-contingent.md). Checks that add to them run under one site lock, so
 * concurrent requests on any number of web servers can never overshoot a limit.
 * The plugin builds one Quota with its collaborators (Wiring::quota()).
 */
final class Quota
{
    public const LOCK = 'quota';
    private const LOCK_SECONDS = 15;

    public function __construct(
        private readonly QuotaLimits $limits,
        private readonly DeploymentTable $rows,
        private readonly Locks $locks,
    ) {
    }

    /**
     * @return array{user: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     global: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     vms: array{limit: ?int, used: int, available: ?int}}
     */
    public static function usage(int $userId): array
    {
        return Wiring::quota()->usageOf($userId);
    }

    /**
     * @template T
     * @param callable(): T $allocate
     * @return T|QuotaViolation
     * @throws LockTimeout when the quota lock is not free in time
     */
    public static function allocate(int $ownerId, int $requestedMb, callable $allocate, bool $addsVm = false): mixed
    {
        return Wiring::quota()->reserve($ownerId, $requestedMb, $allocate, $addsVm);
    }

    /**
     * @template T
     * @param callable(): array{ramMb: int, holdsVm: bool} $holding
     * @param callable(): T $move
     * @return T|QuotaViolation
     * @throws LockTimeout when the quota lock is not free in time
     */
    public static function receive(int $receiverId, callable $holding, callable $move): mixed
    {
        return Wiring::quota()->transfer($receiverId, $holding, $move);
    }

    /**
     * @return array{user: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     global: array{limitMb: ?int, usedMb: int, availableMb: ?int},
     *     vms: array{limit: ?int, used: int, available: ?int}}
     */
    public function usageOf(int $userId): array
    {
        [$userLimit, $globalLimit, $vmLimit] = $this->limits->forUser($userId);
        [$userUsed, $vmsUsed, $globalUsed] = $this->rows->ownerAndSiteUsage($userId);
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
     * @throws LockTimeout when the quota lock is not free in time
     */
    public function reserve(int $ownerId, int $requestedMb, callable $allocate, bool $addsVm = false): mixed
    {
        return $this->underLock(fn (): mixed => $this->violation($ownerId, $requestedMb, $addsVm, true) ?? $allocate());
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
     * @throws LockTimeout when the quota lock is not free in time
     */
    public function transfer(int $receiverId, callable $holding, callable $move): mixed
    {
        return $this->underLock(function () use ($receiverId, $holding, $move): mixed {
            ['ramMb' => $ramMb, 'holdsVm' => $holdsVm] = $holding();
            return $this->violation($receiverId, $ramMb, $holdsVm, false) ?? $move();
        });
    }

    /**
     * @template T
     * @param callable(): T $work
     * @return T
     */
    private function underLock(callable $work): mixed
    {
        return LockedWork::run($this->locks, self::LOCK, self::LOCK_SECONDS, $work);
    }

    /** What $requestedMb (and a VM when $addsVm) would overshoot for the owner, and globally when $global. */
    private function violation(int $ownerId, int $requestedMb, bool $addsVm, bool $global): ?QuotaViolation
    {
        [$userLimit, $globalLimit, $vmLimit] = $this->limits->forUser($ownerId);
        [$userUsed, $vmsHeld, $globalUsed] = $global ? $this->rows->ownerAndSiteUsage($ownerId) : [...$this->rows->ownerUsage($ownerId), 0];
        return ($addsVm ? QuotaPolicy::checkNewVm($vmLimit, $vmsHeld) : null)
            ?? QuotaPolicy::check($userLimit, $userUsed, $global ? $globalLimit : null, $globalUsed, $requestedMb);
    }
}
