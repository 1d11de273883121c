<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\RightsResolver;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\RightsStore;

/**
 * Replaces a user's plugin rights and RAM override (CONTRACT §2, §5), never leaving the site
 * without a rights manager.
 */
final class RightsAdmin
{
    private const LOCK = 'rights';
    private const LOCK_TIMEOUT_SECONDS = 10;

    /**
     * @param list<Right> $rights the complete new set of stored rights
     * @param ?int $ramLimitMb null = the site default, 0 = unlimited
     * @return ?ErrorCode null when stored, else why it was refused
     * @throws \RuntimeException when the rights lock cannot be taken in time
     */
    public static function replace(int $actorId, int $userId, array $rights, ?int $ramLimitMb): ?ErrorCode
    {
        $lock = DbLock::acquire(self::LOCK, self::LOCK_TIMEOUT_SECONDS);
        if ($lock === null) {
            throw new \RuntimeException('The rights lock is held by another request.');
        }
        try {
            // The permission callback ran before the lock: another manager may have changed
            // the actor's or the target's rights since.
            RightsStore::forgetCached($actorId, $userId);
            $before = RightsStore::get($userId);
            $ramBefore = RightsStore::ramLimitMb($userId);
            $after = Right::ordered($rights);
            AuditTrail::describe('user', $userId, null, [
                'before' => self::keys($before),
                'after' => self::keys($after),
                'ramLimitMbBefore' => $ramBefore,
                'ramLimitMbAfter' => $ramLimitMb,
            ]);
            if (!UserRights::has($actorId, Right::MANAGE_RIGHTS)) {
                return ErrorCode::FORBIDDEN;
            }
            if (RightsResolver::removesLastRightsManager($before, $after, RightsStore::rightsManagerCount())) {
                return ErrorCode::LAST_RIGHTS_MANAGER;
            }
            RightsStore::set($userId, $after);
            RightsStore::setRamLimitMb($userId, $ramLimitMb);
            return null;
        } finally {
            $lock->release();
        }
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
