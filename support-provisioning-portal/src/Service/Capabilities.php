<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * Exposes plugin rights to WordPress as capabilities (for menus and current_user_can), so
 * wp-admin can gate screens without the plugin ever granting WordPress roles.
 */
final class Capabilities
{
    public const PORTAL = 'spp_portal_access';
    private const PREFIX = 'spp_';

    public static function register(): void
    {
        add_filter('user_has_cap', [self::class, 'grant'], 10, 4);
    }

    /**
     * @param array<string, bool> $allcaps
     * @param array<int, string> $caps
     * @param array<int, mixed> $args
     * @return array<string, bool>
     */
    public static function grant(array $allcaps, array $caps, array $args, \WP_User $user): array
    {
        foreach ($caps as $cap) {
            if (str_starts_with($cap, self::PREFIX)) {
                $allcaps[$cap] = UserRights::has($user->ID, substr($cap, strlen(self::PREFIX)));
            }
        }
        return $allcaps;
    }
}
