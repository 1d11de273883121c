<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Right;

/**
 * Plugin rights and contingent overrides in user options (per site on multisite).
 * Rights are stored as ",key,key," so an exact LIKE finds every holder of a right.
 */
final class RightsStore
{
    public const RIGHTS_OPTION = '_spp_rights';
    public const RAM_LIMIT_OPTION = '_spp_ram_limit_mb';
    public const VM_LIMIT_OPTION = '_spp_vm_limit';
    /** Every user option the plugin writes, per site. */
    public const USER_OPTIONS = [self::RIGHTS_OPTION, self::RAM_LIMIT_OPTION, self::VM_LIMIT_OPTION];
    /** The plugin's object cache group (persistent when the site has a persistent object cache). */
    public const CACHE_GROUP = 'support-provisioning-portal';
    /** A cached manager count lives this long at most, whatever write might have slipped past the hooks. */
    private const COUNT_TTL_SECONDS = 300;
    /** User meta whose change can change a site's manager count: the rights and (multisite) the membership. */
    private const COUNTED_META_SUFFIXES = [self::RIGHTS_OPTION, 'capabilities'];

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
        self::forgetManagerCount();
    }

    /** Null means "use the site default". */
    public static function ramLimitMb(int $userId): ?int
    {
        return self::limit($userId, self::RAM_LIMIT_OPTION);
    }

    public static function setRamLimitMb(int $userId, ?int $limitMb): void
    {
        self::setLimit($userId, self::RAM_LIMIT_OPTION, $limitMb);
    }

    /** The cap on the user's deployments that hold a VM; null means "use the site default". */
    public static function vmLimit(int $userId): ?int
    {
        return self::limit($userId, self::VM_LIMIT_OPTION);
    }

    public static function setVmLimit(int $userId, ?int $limit): void
    {
        self::setLimit($userId, self::VM_LIMIT_OPTION, $limit);
    }

    /**
     * Removes the user's plugin options of the current site (rights and overrides). Hooked to
     * `remove_user_from_blog`, which WordPress fires after switching to the site concerned.
     */
    public static function forgetUserOnCurrentSite(int $userId): void
    {
        foreach (self::USER_OPTIONS as $option) {
            delete_user_option($userId, $option);
        }
        self::forgetManagerCount();
    }

    private static function limit(int $userId, string $option): ?int
    {
        $raw = get_user_option($option, $userId);
        return is_numeric($raw) ? (int) $raw : null;
    }

    private static function setLimit(int $userId, string $option, ?int $limit): void
    {
        if ($limit === null) {
            delete_user_option($userId, $option);
            return;
        }
        update_user_option($userId, $option, (string) $limit);
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
        self::forgetManagerCount();
    }

    /**
     * Keeps the cached manager counts true when any code changes rights or memberships through
     * WordPress (hooked to added_, updated_ and deleted_user_meta).
     *
     * @param int|list<int> $metaIds
     */
    public static function onUserMetaChange(int|array $metaIds, int $userId, string $metaKey): void
    {
        foreach (self::COUNTED_META_SUFFIXES as $suffix) {
            if (str_ends_with($metaKey, $suffix)) {
                self::forgetManagerCount(substr($metaKey, 0, -strlen($suffix)) . self::RIGHTS_OPTION);
            }
        }
    }

    /** @param string|null $metaKey the rights meta key of a site; null: the current site's */
    private static function forgetManagerCount(?string $metaKey = null): void
    {
        global $wpdb;
        wp_cache_delete('managers:' . ($metaKey ?? $wpdb->get_blog_prefix() . self::RIGHTS_OPTION), self::CACHE_GROUP);
    }

    /**
     * Users whose stored rights make them rights managers (manage_rights together with
     * portal_access; see docs/decisions/domain-rules.md). On multisite only the site's members
     * count: someone removed from the site holds no rights there. Kept in the object cache by
     * site (its rights meta key: network code switches sites), which is this request's memory
     * without a persistent cache.
     */
    public static function rightsManagerCount(): int
    {
        global $wpdb;
        $metaKey = $wpdb->get_blog_prefix() . self::RIGHTS_OPTION;
        $cached = wp_cache_get('managers:' . $metaKey, self::CACHE_GROUP, false, $found);
        if ($found && is_int($cached)) {
            return $cached;
        }
        $count = (int) $wpdb->get_var(self::managersQuery('COUNT(*)', ''));
        wp_cache_set('managers:' . $metaKey, $count, self::CACHE_GROUP, self::COUNT_TTL_SECONDS);
        return $count;
    }

    /**
     * Up to `$limit` rights managers (as rightsManagerCount() counts them), lowest id first: whom
     * to ask for a right.
     *
     * @return list<int>
     */
    public static function rightsManagerIds(int $limit): array
    {
        global $wpdb;
        return array_map('intval', $wpdb->get_col(self::managersQuery('r.user_id', ' ORDER BY r.user_id LIMIT ' . max(1, $limit))));
    }

    private static function managersQuery(string $select, string $tail): string
    {
        global $wpdb;
        $sql = "SELECT {$select} FROM {$wpdb->usermeta} r";
        $args = [];
        if (is_multisite()) {
            // Membership as is_user_member_of_blog() reads it: the site's capabilities option.
            $sql .= " JOIN {$wpdb->usermeta} m ON m.user_id = r.user_id AND m.meta_key = %s";
            $args[] = $wpdb->get_blog_prefix() . 'capabilities';
        }
        $sql .= ' WHERE r.meta_key = %s AND r.meta_value LIKE %s AND r.meta_value LIKE %s';
        array_push($args, $wpdb->get_blog_prefix() . self::RIGHTS_OPTION, '%,' . Right::MANAGE_RIGHTS->value . ',%', '%,' . Right::PORTAL_ACCESS->value . ',%');
        return $wpdb->prepare($sql, ...$args) . $tail;
    }
}
