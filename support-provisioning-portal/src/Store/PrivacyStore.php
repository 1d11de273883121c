<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Paging;
use SupportProvisioningPortal\Domain\Status;

/**
 * What the plugin stores about one user, for WordPress's personal-data export.
 */
final class PrivacyStore
{
    public const PAGE = 100;

    /** @return list<array<string, string>> the user's own audit rows, oldest first */
    public static function auditRows(int $userId, int $page): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT id, created_at, action, result, actor_login, ip FROM ' . Tables::name(Tables::AUDIT_LOGS)
            . ' WHERE actor_id = %d ORDER BY id LIMIT %d OFFSET %d',
            $userId,
            self::PAGE,
            Paging::offset(max(1, $page), self::PAGE)
        ), ARRAY_A);
        return $rows ?: [];
    }

    /** @return list<array<string, string>> */
    public static function ownedDeployments(int $userId): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT id, name, status, created_at, ticket_ref, customer, purpose FROM ' . Tables::name(Tables::DEPLOYMENTS)
            . ' WHERE owner_id = %d AND status <> %s ORDER BY id',
            $userId,
            Status::DELETED->value
        ), ARRAY_A);
        return $rows ?: [];
    }

    /** @return list<array<string, string>> */
    public static function sharedDeployments(int $userId): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT d.id, d.name, s.created_at FROM ' . Tables::name(Tables::SHARES) . ' s JOIN ' . Tables::name(Tables::DEPLOYMENTS)
            . ' d ON d.id = s.deployment_id WHERE s.user_id = %d AND d.status <> %s ORDER BY d.id',
            $userId,
            Status::DELETED->value
        ), ARRAY_A);
        return $rows ?: [];
    }
}
