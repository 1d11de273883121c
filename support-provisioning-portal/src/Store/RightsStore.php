<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Right;

/**
 * Plugin rights and RAM overrides in user options (per site on multisite).
 * Rights are stored as ",key,key," so an exact LIKE finds every holder of a right.
 */
final class RightsStore
{
    public const RIGHTS_OPTION = '_spp_rights';
    public const RAM_LIMIT_OPTION = '_spp_ram_limit_mb';

    /**
     * Rights manager counts of this request by site (its rights meta key): network code switches sites.
     *
     * @var array<string, int>
     */
    private static array $managerCounts = [];

    /** @return list<Right> */
    public static function get(int $userId): array
    {
        $raw = get_user_option(self::RIGHTS_OPTION, $userId);
        $keys = is_string($raw) ? array_filter(explode(',', $raw)) : [];
        return Right::ordered(array_values(array_filter(array_map(
            static fn (string $key): ?Right => Right::tryFrom($key),
            $keys
        ))));
    }

    /** @param list<Right> $rights */
    public static function set(int $userId, array $rights): void
    {
        $keys = array_map(static fn (Right $right): string => $right->value, Right::ordered($rights));
        update_user_option($userId, self::RIGHTS_OPTION, $keys === [] ? '' : ',' . implode(',', $keys) . ',');
        self::$managerCounts = [];
    }

    /** Null means "use the site default". */
    public static function ramLimitMb(int $userId): ?int
    {
        $raw = get_user_option(self::RAM_LIMIT_OPTION, $userId);
        return is_numeric($raw) ? (int) $raw : null;
    }

    public static function setRamLimitMb(int $userId, ?int $limitMb): void
    {
        if ($limitMb === null) {
            delete_user_option($userId, self::RAM_LIMIT_OPTION);
            return;
        }
        update_user_option($userId, self::RAM_LIMIT_OPTION, (string) $limitMb);
    }

    /**
     * Drops what this request cached about the users' options and the manager count, so the next
     * reads see what other requests have written meanwhile (call it after taking a lock).
     */
    public static function forgetCached(int ...$userIds): void
    {
        foreach ($userIds as $userId) {
            wp_cache_delete($userId, 'user_meta');
        }
        self::$managerCounts = [];
    }

    /**
     * Users whose stored rights make them rights managers (manage_rights together with
     * portal_access; see docs/decisions/domain-rules.md).
     */
    public static function rightsManagerCount(): int
    {
        global $wpdb;
        $metaKey = $wpdb->get_blog_prefix() . self::RIGHTS_OPTION;
        return self::$managerCounts[$metaKey] ??= (int) $wpdb->get_var($wpdb->prepare(
            "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND meta_value LIKE %s AND meta_value LIKE %s",
            $metaKey,
            '%,' . Right::MANAGE_RIGHTS->value . ',%',
            '%,' . Right::PORTAL_ACCESS->value . ',%'
        ));
    }
}
