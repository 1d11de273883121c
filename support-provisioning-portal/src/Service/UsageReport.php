<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\UsagePeriod;
use SupportProvisioningPortal\Store\TemplateStore;
use SupportProvisioningPortal\Store\UsageReportStore;

/**
 * RAM-hours and VM-hours over a period, per user, per template or for the site (per bucket), from
 * the usage history (docs/decisions/usage-report.md), with the site's RAM in use per bucket against
 * today's global limit.
 */
final class UsageReport
{
    public const GROUPS = ['user', 'template', 'site'];

    /**
     * @return array{groupBy: string, bucketSeconds: int, totals: array{ramGbHours: float, vmHours: float},
     *     rows: list<array{key: string, label: string, ramGbHours: float, vmHours: float, deployments: ?int}>,
     *     series: list<array{start: string, ramGbHours: float, vmHours: float, averageRamMb: ?int}>,
     *     globalLimitMb: ?int, currentRamMb: int}
     */
    public static function build(UsagePeriod $period, string $groupBy, int $viewerId): array
    {
        $series = self::series($period);
        $rows = match ($groupBy) {
            'user' => self::groups(UsageReportStore::byGroup($period, UsageReportStore::BY_OWNER), self::userLabels(...)),
            'template' => self::groups(UsageReportStore::byGroup($period, UsageReportStore::BY_TEMPLATE), self::templateLabels(...)),
            default => array_map(static fn (array $point): array => [
                'key' => $point['start'],
                'label' => $point['start'],
                'ramGbHours' => $point['ramGbHours'],
                'vmHours' => $point['vmHours'],
                'deployments' => null,
            ], $series['points']),
        };
        $global = Quota::usage($viewerId)['global'];
        return [
            'groupBy' => $groupBy,
            'bucketSeconds' => $period->bucketSeconds(),
            'totals' => ['ramGbHours' => self::gbHours($series['mbSeconds']), 'vmHours' => self::hours($series['vmSeconds'])],
            'rows' => $rows,
            'series' => $series['points'],
            'globalLimitMb' => $global['limitMb'],
            'currentRamMb' => $global['usedMb'],
        ];
    }

    /**
     * Each bucket's seconds: the level carried in from the buckets before, plus what began in it
     * until the bucket's end, minus what ended in it from then until the bucket's end.
     *
     * @return array{points: list<array{start: string, ramGbHours: float, vmHours: float, averageRamMb: ?int}>,
     *     mbSeconds: int, vmSeconds: int}
     */
    private static function series(UsagePeriod $period): array
    {
        $events = self::events(UsageReportStore::byBuckets($period), $period->bucketSeconds());
        $length = $period->bucketSeconds();
        $ramLevel = 0;
        $vmLevel = 0;
        $points = [];
        $totalMb = 0;
        $totalVm = 0;
        for ($index = 0; $index < $period->bucketCount(); $index++) {
            $event = $events[$index] ?? ['ramDelta' => 0, 'ramRest' => 0, 'vmDelta' => 0, 'vmRest' => 0];
            $mbSeconds = $ramLevel * $length + $event['ramRest'];
            $vmSeconds = $vmLevel * $length + $event['vmRest'];
            $ramLevel += $event['ramDelta'];
            $vmLevel += $event['vmDelta'];
            $counted = $period->countedSeconds($index);
            $points[] = [
                'start' => $period->bucketStart($index)->format('Y-m-d\TH:i:s\Z'),
                'ramGbHours' => self::gbHours($mbSeconds),
                'vmHours' => self::hours($vmSeconds),
                'averageRamMb' => $counted > 0 ? (int) round($mbSeconds / $counted) : null,
            ];
            $totalMb += $mbSeconds;
            $totalVm += $vmSeconds;
        }
        return ['points' => $points, 'mbSeconds' => $totalMb, 'vmSeconds' => $totalVm];
    }

    /**
     * Per bucket: the RAM and VMs that began (+) or ended (-) in it, and each weighted with the
     * seconds from that moment to the bucket's end.
     *
     * @param list<array{bs: int, be: int, ram: int, ramStart: int, ramEnd: int, vms: int, vmStart: int, vmEnd: int}> $rows
     * @return array<int, array{ramDelta: int, ramRest: int, vmDelta: int, vmRest: int}>
     */
    private static function events(array $rows, int $length): array
    {
        $events = [];
        $add = static function (int $bucket, int $ram, int $ramRest, int $vms, int $vmRest) use (&$events): void {
            $event = $events[$bucket] ?? ['ramDelta' => 0, 'ramRest' => 0, 'vmDelta' => 0, 'vmRest' => 0];
            $events[$bucket] = [
                'ramDelta' => $event['ramDelta'] + $ram,
                'ramRest' => $event['ramRest'] + $ramRest,
                'vmDelta' => $event['vmDelta'] + $vms,
                'vmRest' => $event['vmRest'] + $vmRest,
            ];
        };
        foreach ($rows as $row) {
            $startEnd = ($row['bs'] + 1) * $length;
            $add($row['bs'], $row['ram'], $row['ram'] * $startEnd - $row['ramStart'], $row['vms'], $row['vms'] * $startEnd - $row['vmStart']);
            $endEnd = ($row['be'] + 1) * $length;
            $add($row['be'], -$row['ram'], $row['ramEnd'] - $row['ram'] * $endEnd, -$row['vms'], $row['vmEnd'] - $row['vms'] * $endEnd);
        }
        return $events;
    }

    /**
     * @param list<array{id: int, mbSeconds: int, vmSeconds: int, deployments: int}> $groups
     * @param callable(list<int>): array<int, array{string, string}> $labels the key and label of each group id
     * @return list<array{key: string, label: string, ramGbHours: float, vmHours: float, deployments: ?int}>
     */
    private static function groups(array $groups, callable $labels): array
    {
        $named = $labels(array_column($groups, 'id'));
        $rows = array_map(static function (array $group) use ($named): array {
            [$key, $name] = $named[$group['id']];
            return [
                'key' => $key,
                'label' => $name,
                'ramGbHours' => self::gbHours($group['mbSeconds']),
                'vmHours' => self::hours($group['vmSeconds']),
                'deployments' => $group['deployments'],
            ];
        }, $groups);
        usort($rows, static fn (array $a, array $b): int => [$b['ramGbHours'], $b['vmHours'], $a['label']] <=> [$a['ramGbHours'], $a['vmHours'], $b['label']]);
        return $rows;
    }

    /**
     * Users' logins; for a deleted user, the login the history last recorded.
     *
     * @param list<int> $ownerIds
     * @return array<int, array{string, string}>
     */
    private static function userLabels(array $ownerIds): array
    {
        cache_users($ownerIds);
        $labels = [];
        foreach ($ownerIds as $id) {
            $user = get_userdata($id);
            $login = $user instanceof \WP_User ? $user->user_login : UsageReportStore::lastOwnerLogin($id);
            /* translators: %d: a user id */
            $labels[$id] = ["user:{$id}", $login !== '' ? $login : sprintf(__('User #%d', 'support-provisioning-portal'), $id)];
        }
        return $labels;
    }

    /**
     * Templates' names (retired templates keep theirs: templates are never deleted).
     *
     * @param list<int> $templateIds
     * @return array<int, array{string, string}>
     */
    private static function templateLabels(array $templateIds): array
    {
        $names = array_column(TemplateStore::all(true), 'name', 'id');
        $labels = [];
        foreach ($templateIds as $id) {
            /* translators: %d: a template id */
            $labels[$id] = ["template:{$id}", isset($names[$id]) ? (string) $names[$id] : sprintf(__('Template #%d', 'support-provisioning-portal'), $id)];
        }
        return $labels;
    }

    private static function gbHours(int $mbSeconds): float
    {
        return round($mbSeconds / 1024 / 3600, 3);
    }

    private static function hours(int $seconds): float
    {
        return round($seconds / 3600, 3);
    }
}
