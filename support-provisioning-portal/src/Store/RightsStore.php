<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Plugin rights and RAM overrides in user options (per site on multisite).
 * Rights are stored as ",key,key," so one exact LIKE finds every holder of a right.
 */
final class RightsStore
{
    public const RIGHTS_OPTION = '_spp_rights';
    public const RAM_LIMIT_OPTION = '_spp_ram_limit_mb';

    private static ?bool $anyManager = null;

    /** @return list<string> */
    public static function get(int $userId): array
    {
        $raw = get_user_option(self::RIGHTS_OPTION, $userId);
        return is_string($raw) ? array_values(array_filter(explode(',', $raw))) : [];
    }

    /** @param list<string> $rights */
    public static function set(int $userId, array $rights): void
    {
        update_user_option($userId, self::RIGHTS_OPTION, $rights === [] ? '' : ',' . implode(',', $rights) . ',');
        self::$anyManager = null;
    }

    public static function anyRightsManager(): bool
    {
        return self::$anyManager ??= self::countHolders('manage_rights') > 0;
    }

    public static function countHolders(string $right): int
    {
        global $wpdb;
        return (int) $wpdb->get_var($wpdb->prepare(
            "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND meta_value LIKE %s",
            $wpdb->get_blog_prefix() . self::RIGHTS_OPTION,
            '%,' . $wpdb->esc_like($right) . ',%'
        ));
    }
}
