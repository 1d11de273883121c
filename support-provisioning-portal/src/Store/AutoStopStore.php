<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;

/**
 * The rows the auto-stop schedule reads and the one it writes: which deployment it stopped on
 * which site-local day, so each is stopped once a day however many servers tick.
 */
final class AutoStopStore
{
    /** @return list<array{id: int, auto_stop_time: string, auto_stop_days: string}> templates with a stop time */
    public static function scheduledTemplates(): array
    {
        global $wpdb;
        $rows = $wpdb->get_results(
            'SELECT id, auto_stop_time, auto_stop_days FROM ' . Tables::name(Tables::TEMPLATES) . " WHERE auto_stop_time <> '' ORDER BY id",
            ARRAY_A
        );
        return array_map(static fn (array $row): array => [
            'id' => (int) $row['id'],
            'auto_stop_time' => (string) $row['auto_stop_time'],
            'auto_stop_days' => (string) $row['auto_stop_days'],
        ], is_array($rows) ? $rows : []);
    }

    /**
     * Running deployments of the template made before today's stop moment and not yet stopped today.
     *
     * @return list<int>
     */
    public static function dueIds(int $templateId, string $stopMomentDb, string $today, int $limit): array
    {
        global $wpdb;
        return array_map('intval', $wpdb->get_col($wpdb->prepare(
            'SELECT id FROM ' . Tables::name(Tables::DEPLOYMENTS)
            . " WHERE template_id = %d AND status = %s AND step = '' AND created_at < %s"
            . ' AND (auto_stopped_on IS NULL OR auto_stopped_on < %s) ORDER BY id LIMIT %d',
            $templateId,
            Status::RUNNING->value,
            $stopMomentDb,
            $today,
            $limit
        )));
    }

    /** Marks the deployment stopped for $today if it is running and was not yet: of two servers, one wins. */
    public static function mark(int $id, string $today): bool
    {
        global $wpdb;
        return $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . ' SET auto_stopped_on = %s'
            . " WHERE id = %d AND status = %s AND step = '' AND (auto_stopped_on IS NULL OR auto_stopped_on < %s)",
            $today,
            $id,
            Status::RUNNING->value,
            $today
        )) === 1;
    }
}
