<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Support\Time;

/**
 * Who a deployment is shared with. Shares name users by login and display name only: the owner
 * may have named them by login, and must not learn their e-mail address that way.
 */
final class ShareStore
{
    /** @return bool false when the share already existed */
    public static function add(int $deploymentId, int $userId, int $createdBy): bool
    {
        global $wpdb;
        return $wpdb->query($wpdb->prepare(
            'INSERT IGNORE INTO ' . Tables::name(Tables::SHARES)
            . ' (deployment_id, user_id, created_by, created_at) VALUES (%d, %d, %d, %s)',
            $deploymentId,
            $userId,
            $createdBy,
            Time::nowDb()
        )) === 1;
    }

    /** @return bool false when there was no such share */
    public static function remove(int $deploymentId, int $userId): bool
    {
        global $wpdb;
        return (int) $wpdb->delete(Tables::name(Tables::SHARES), ['deployment_id' => $deploymentId, 'user_id' => $userId]) === 1;
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public static function forDeployment(int $deploymentId): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT s.user_id, s.created_at, u.user_login, u.display_name FROM ' . Tables::name(Tables::SHARES)
            . " s JOIN {$wpdb->users} u ON u.ID = s.user_id WHERE s.deployment_id = %d ORDER BY u.user_login",
            $deploymentId
        ), ARRAY_A);
        return array_map(static fn (array $row): array => [
            'userId' => (int) $row['user_id'],
            'login' => (string) $row['user_login'],
            'displayName' => (string) $row['display_name'],
            'createdAt' => (string) $row['created_at'],
        ], $rows ?: []);
    }
}
