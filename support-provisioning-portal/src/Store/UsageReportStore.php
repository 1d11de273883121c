<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\UsagePeriod;

/**
 * Sums of the usage history over a period, in MB-seconds of RAM and seconds of VMs. Each query
 * reads only the stretches that overlap the period (indexes ended_started and started_at), each
 * clipped to it; the period ends at `now` at the latest (UsagePeriod::countedEnd()).
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
     * Per bucket of the period: how much RAM and how many VMs began (+) and ended (-) in it, and
     * each weighted with the seconds from that moment to the bucket's end. UsageSeries turns these
     * into the seconds of each bucket.
     *
     * @return array<int, array{ramDelta: int, ramRest: int, vmDelta: int, vmRest: int}> by bucket index
     */
    public static function bucketEvents(UsagePeriod $period): array
    {
        global $wpdb;
        [$clipped, $args] = self::clipped($period);
        $length = $period->bucketSeconds();
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT b, SUM(sign * ram_mb) AS ram_delta, SUM(sign * ram_mb * ((b + 1) * %d - at)) AS ram_rest,'
            . ' SUM(sign * holds_vm) AS vm_delta, SUM(sign * holds_vm * ((b + 1) * %d - at)) AS vm_rest'
            . ' FROM (SELECT sign, ram_mb, holds_vm, at, FLOOR(at / %d) AS b FROM ('
            . "SELECT 1 AS sign, ram_mb, holds_vm, s AS at FROM ({$clipped}) c1"
            . " UNION ALL SELECT -1, ram_mb, holds_vm, e FROM ({$clipped}) c2) events) bucketed GROUP BY b",
            ...[$length, $length, $length, ...$args, ...$args]
        ), ARRAY_A) ?: [];
        $events = [];
        foreach ($rows as $row) {
            $events[(int) $row['b']] = [
                'ramDelta' => (int) $row['ram_delta'],
                'ramRest' => (int) $row['ram_rest'],
                'vmDelta' => (int) $row['vm_delta'],
                'vmRest' => (int) $row['vm_rest'],
            ];
        }
        return $events;
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
     * period's start, clipped to it; an open stretch runs until the counted end.
     *
     * @return array{string, list<string>} SQL and its arguments
     */
    private static function clipped(UsagePeriod $period): array
    {
        $from = $period->fromDb();
        $end = $period->countedEndDb();
        // Signed, as the events subtract what ended.
        $sql = 'SELECT deployment_id, owner_id, template_id, CAST(ram_mb AS SIGNED) AS ram_mb, CAST(holds_vm AS SIGNED) AS holds_vm,'
            . ' TIMESTAMPDIFF(SECOND, %s, GREATEST(started_at, %s)) AS s,'
            . ' TIMESTAMPDIFF(SECOND, %s, LEAST(COALESCE(ended_at, %s), %s)) AS e'
            . ' FROM ' . Tables::name(Tables::USAGE_HISTORY)
            . ' WHERE started_at < %s AND (ended_at > %s OR ended_at IS NULL) AND (ram_mb > 0 OR holds_vm = 1)';
        return [$sql, [$from, $from, $from, $end, $end, $end, $from]];
    }
}
