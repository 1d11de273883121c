<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\RightsResolver;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\LockTimeout;
use SupportProvisioningPortal\Store\RightsStore;

/**
 * Replaces a user's plugin rights and contingent overrides (CONTRACT §2, §5), never leaving the site
 * without a rights manager.
 */
final class RightsAdmin
{
    private const LOCK = 'rights';
    private const LOCK_TIMEOUT_SECONDS = 10;

    /**
     * @param list<Right> $rights the complete new set of stored rights
     * @param ?int $ramLimitMb null = the site default, 0 = unlimited
     * @param ?int $vmLimit the cap on deployments holding a VM; null = the site default, 0 = unlimited
     * @return ?ErrorCode null when stored, else why it was refused
     * @throws LockTimeout when the rights lock cannot be taken in time
     * @throws \InvalidArgumentException when a limit is negative or above QuotaPolicy::MAX_LIMIT
     */
    public static function replace(int $actorId, int $userId, array $rights, ?int $ramLimitMb, ?int $vmLimit): ?ErrorCode
    {
        foreach ([$ramLimitMb, $vmLimit] as $limit) {
            if ($limit !== null) {
                QuotaPolicy::limitFromSetting($limit);
            }
        }
        return DbLock::hold(self::LOCK, self::LOCK_TIMEOUT_SECONDS, static function () use ($actorId, $userId, $rights, $ramLimitMb, $vmLimit): ?ErrorCode {
            // The permission callback ran before the lock: another manager may have changed
            // the actor's or the target's rights since.
            RightsStore::forgetCached($actorId, $userId);
            $before = RightsStore::get($userId);
            $ramBefore = RightsStore::ramLimitMb($userId);
            $vmBefore = RightsStore::vmLimit($userId);
            $after = Right::ordered($rights);
            AuditTrail::describe('user', $userId, null, [
                'before' => self::keys($before),
                'after' => self::keys($after),
                'ramLimitMbBefore' => $ramBefore,
                'ramLimitMbAfter' => $ramLimitMb,
                'vmLimitBefore' => $vmBefore,
                'vmLimitAfter' => $vmLimit,
            ]);
            if (!UserRights::has($actorId, Right::MANAGE_RIGHTS)) {
                return ErrorCode::FORBIDDEN;
            }
            if (RightsResolver::removesLastRightsManager($before, $after, RightsStore::rightsManagerCount())) {
                return ErrorCode::LAST_RIGHTS_MANAGER;
            }
            RightsStore::set($userId, $after);
            RightsStore::setRamLimitMb($userId, $ramLimitMb);
            RightsStore::setVmLimit($userId, $vmLimit);
            return null;
        });
    }

    /**
     * @param list<Right> $rights
     * @return list<string>
     */
    public static function keys(array $rights): array
    {
        return array_map(static fn (Right $right): string => $right->value, $rights);
    }
}
