<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\UsagePeriod;
use SupportProvisioningPortal\Support\Time;

/**
 * Sums of the usage history over a period, in MB-seconds of RAM and seconds of VMs. Each query
 * reads only the stretches that overlap the period (covering indexes started_ended and
 * ended_started), each clipped to it; the period ends at `now` at the latest.
 */
final class UsageReportStore
{
    public const BY_OWNER = 'owner_id';
    public const BY_TEMPLATE = 'template_id';

    /**
     * @param self::BY_* $column
     * @return list<array{id: int, mbSeconds: int, vmSeconds: int, deployments: int}> one row per owner or template
     */
    public static function byGroup(UsagePeriod $period, string $column): array
    {
        global $wpdb;
        [$clipped, $args] = self::clipped($period);
        $rows = $wpdb->get_results($wpdb->prepare(
            "SELECT {$column} AS id, SUM(ram_mb * (e - s)) AS mb_seconds, SUM(holds_vm * (e - s)) AS vm_seconds,"
            . " COUNT(DISTINCT deployment_id) AS deployments FROM ({$clipped}) c WHERE e > s GROUP BY {$column}",
            ...$args
        ), ARRAY_A) ?: [];
        return array_map(static fn (array $row): array => [
            'id' => (int) $row['id'],
            'mbSeconds' => (int) $row['mb_seconds'],
            'vmSeconds' => (int) $row['vm_seconds'],
            'deployments' => (int) $row['deployments'],
        ], $rows);
    }

    /**
     * The stretches by the buckets they begin (bs) and end (be) in, with the sums UsageSeries
     * needs: RAM and VMs, and each weighted with its start (s) and end (e) in seconds from the
     * period's start. One pass over the period's stretches; a few rows per bucket.
     *
     * @return list<array{bs: int, be: int, ram: int, ramStart: int, ramEnd: int, vms: int, vmStart: int, vmEnd: int}>
     */
    public static function byBuckets(UsagePeriod $period): array
    {
        global $wpdb;
        [$clipped, $args] = self::clipped($period);
        $length = $period->bucketSeconds();
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT s DIV %d AS bs, e DIV %d AS be, SUM(ram_mb) AS ram, SUM(ram_mb * s) AS ram_start, SUM(ram_mb * e) AS ram_end,'
            . ' SUM(holds_vm) AS vms, SUM(holds_vm * s) AS vm_start, SUM(holds_vm * e) AS vm_end'
            . " FROM ({$clipped}) c WHERE e > s GROUP BY bs, be",
            ...[$length, $length, ...$args]
        ), ARRAY_A) ?: [];
        return array_map(static fn (array $row): array => [
            'bs' => (int) $row['bs'],
            'be' => (int) $row['be'],
            'ram' => (int) $row['ram'],
            'ramStart' => (int) $row['ram_start'],
            'ramEnd' => (int) $row['ram_end'],
            'vms' => (int) $row['vms'],
            'vmStart' => (int) $row['vm_start'],
            'vmEnd' => (int) $row['vm_end'],
        ], $rows);
    }

    /** The login last recorded for an owner (the user may be gone), '' when none. */
    public static function lastOwnerLogin(int $ownerId): string
    {
        global $wpdb;
        return (string) $wpdb->get_var($wpdb->prepare(
            'SELECT owner_login FROM ' . Tables::name(Tables::USAGE_HISTORY) . " WHERE owner_id = %d AND owner_login <> '' ORDER BY id DESC LIMIT 1",
            $ownerId
        ));
    }

    /**
     * The stretches overlapping the period, with their start (s) and end (e) as seconds from the
     * period's start, clipped to it; an open stretch runs until the counted end. Two index ranges,
     * both bounded: ended stretches that started in the period or at most MAX_STRETCH_SECONDS
     * before it (none is longer), and the open ones (one per deployment holding something).
     *
     * @return array{string, list<string>} SQL and its arguments
     */
    private static function clipped(UsagePeriod $period): array
    {
        $from = $period->fromDb();
        $end = $period->countedEndDb();
        $earliest = Time::toDb($period->from()->modify('-' . UsageHistory::MAX_STRETCH_SECONDS . ' seconds'));
        $table = Tables::name(Tables::USAGE_HISTORY);
        $columns = 'deployment_id, owner_id, template_id, ram_mb, holds_vm,'
            . ' TIMESTAMPDIFF(SECOND, %s, GREATEST(started_at, %s)) AS s,'
            . ' TIMESTAMPDIFF(SECOND, %s, LEAST(COALESCE(ended_at, %s), %s)) AS e';
        $columnArgs = [$from, $from, $from, $end, $end];
        $sql = "SELECT {$columns} FROM {$table} WHERE started_at >= %s AND started_at < %s AND ended_at > %s"
            . " UNION ALL SELECT {$columns} FROM {$table} WHERE ended_at IS NULL AND started_at < %s";
        return [$sql, [...$columnArgs, $earliest, $end, $from, ...$columnArgs, $end]];
    }
}
