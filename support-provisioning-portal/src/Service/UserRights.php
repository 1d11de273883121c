<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\RightsStore;

/**
 * Effective plugin rights of a user, including the bootstrap rule of CONTRACT §2.
 */
final class UserRights
{
    public const ALL = [
        'portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete',
        'manage_all', 'manage_templates', 'manage_settings', 'manage_rights',
    ];

    public static function has(int $userId, string $right): bool
    {
        return in_array($right, self::effective($userId), true);
    }

    /** @return list<string> */
    public static function effective(int $userId): array
    {
        if ($userId <= 0) {
            return [];
        }
        if (!RightsStore::anyRightsManager() && user_can($userId, 'manage_options')) {
            return self::ALL;
        }
        $stored = RightsStore::get($userId);
        return in_array('portal_access', $stored, true) ? $stored : [];
    }
}
