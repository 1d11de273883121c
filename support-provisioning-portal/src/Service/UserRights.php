<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\RightsResolver;
use SupportProvisioningPortal\Store\RightsStore;

/**
 * Effective plugin rights of a user: stored rights plus the bootstrap rule of CONTRACT §2, for
 * members of the current site only.
 */
final class UserRights
{
    /** @return list<Right> */
    public static function effective(int $userId): array
    {
        // On multisite a user removed from the site keeps stale options there; they count for nothing.
        if ($userId <= 0 || (is_multisite() && !is_user_member_of_blog($userId))) {
            return [];
        }
        $administrator = user_can($userId, 'manage_options');
        return RightsResolver::effectiveRights(
            RightsStore::get($userId),
            $administrator,
            // The bootstrap rule only ever widens an administrator's rights: nobody else needs the count.
            !$administrator || self::bootstrapIsOver()
        );
    }

    public static function has(int $userId, Right $right): bool
    {
        return in_array($right, self::effective($userId), true);
    }

    public static function bootstrapIsOver(): bool
    {
        return RightsStore::rightsManagerCount() > 0;
    }
}
