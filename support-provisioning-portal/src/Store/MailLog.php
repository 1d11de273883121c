<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Support\Time;

/**
 * Which mail event went out for which deployment. Claiming an event is one insert on its primary
 * key, so of several servers (or ticks) exactly one wins and sends.
 */
final class MailLog
{
    /** @return bool true for the one caller that claimed the event */
    public static function claim(int $deploymentId, string $event): bool
    {
        global $wpdb;
        $inserted = $wpdb->query($wpdb->prepare(
            'INSERT IGNORE INTO ' . Tables::name(Tables::MAIL_LOG) . ' (deployment_id, event, created_at) VALUES (%d, %s, %s)',
            $deploymentId,
            $event,
            Time::nowDb()
        ));
        return $inserted === 1;
    }

    /**
     * Running or stopped deployments whose expiry lies after `$afterHours` and within `$leadHours`
     * from now, whose lifetime is longer than the lead time (their owner chose less than it), and
     * whose warning for this lead time and this expiry has not gone out.
     *
     * @return list<array{id: int, expiresAt: string}> soonest first
     */
    public static function dueWarnings(string $eventPrefix, int $leadHours, int $afterHours, string $now, int $limit): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT d.id, d.expires_at FROM ' . Tables::name(Tables::DEPLOYMENTS) . ' d'
            . ' WHERE d.status IN (%s, %s) AND d.never_expire = 0'
            . ' AND d.expires_at > DATE_ADD(%s, INTERVAL %d HOUR) AND d.expires_at <= DATE_ADD(%s, INTERVAL %d HOUR)'
            . ' AND d.expires_at > DATE_ADD(d.created_at, INTERVAL %d HOUR)'
            . ' AND NOT EXISTS (SELECT 1 FROM ' . Tables::name(Tables::MAIL_LOG) . ' m'
            . ' WHERE m.deployment_id = d.id AND m.event = CONCAT(%s, d.expires_at))'
            . ' ORDER BY d.expires_at, d.id LIMIT %d',
            Status::STOPPED->value,
            Status::RUNNING->value,
            $now,
            $afterHours,
            $now,
            $leadHours,
            $leadHours,
            $eventPrefix,
            $limit
        ), ARRAY_A);
        return array_map(
            static fn (array $row): array => ['id' => (int) $row['id'], 'expiresAt' => (string) $row['expires_at']],
            is_array($rows) ? $rows : []
        );
    }
}
