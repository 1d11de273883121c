<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;

/**
 * An owner's running or stopped deployments that expire before a time, for the admin notice.
 */
final class ExpiringDeployments
{
    /** @return list<array{id: int, name: string, expiresAt: string}> soonest first */
    public static function ownedBy(int $ownerId, string $now, string $until, int $limit): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT id, name, expires_at FROM ' . Tables::name(Tables::DEPLOYMENTS)
            . ' WHERE owner_id = %d AND status IN (%s, %s) AND never_expire = 0 AND expires_at > %s AND expires_at <= %s'
            . ' ORDER BY expires_at, id LIMIT %d',
            $ownerId,
            Status::STOPPED->value,
            Status::RUNNING->value,
            $now,
            $until,
            $limit
        ), ARRAY_A);
        return array_map(
            static fn (array $row): array => ['id' => (int) $row['id'], 'name' => (string) $row['name'], 'expiresAt' => (string) $row['expires_at']],
            is_array($rows) ? $rows : []
        );
    }
}
