<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Right;

/**
 * Exposes plugin rights to WordPress as capabilities named spp_<right> (for menus and
 * current_user_can), so wp-admin can gate screens without the plugin granting any role.
 */
final class Capabilities
{
    public const PORTAL = 'spp_portal_access';
    private const PREFIX = 'spp_';

    /**
     * @param array<string, bool> $allcaps
     * @param array<int, string> $caps
     * @param array<int, mixed> $args
     * @return array<string, bool>
     */
    public static function grant(array $allcaps, array $caps, array $args, \WP_User $user): array
    {
        foreach ($caps as $cap) {
            $right = str_starts_with($cap, self::PREFIX) ? Right::tryFrom(substr($cap, strlen(self::PREFIX))) : null;
            if ($right !== null) {
                $allcaps[$cap] = UserRights::has($user->ID, $right);
            }
        }
        return $allcaps;
    }
}
