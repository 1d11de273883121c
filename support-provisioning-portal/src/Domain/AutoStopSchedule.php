<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * A template's auto-stop schedule: a site-local time ('' = off) on ISO weekdays (1 = Monday).
 * The days are stored comma-separated (templates.auto_stop_days) and shown as a sorted list.
 */
final class AutoStopSchedule
{
    public const TIME_PATTERN = '^(|([01][0-9]|2[0-3]):[0-5][0-9])$';
    public const DEFAULT_DAYS = [1, 2, 3, 4, 5];

    /** @return list<int> */
    public static function daysFromColumn(string $column): array
    {
        return $column === '' ? [] : array_map('intval', explode(',', $column));
    }

    /** @param list<int> $days */
    public static function daysToColumn(array $days): string
    {
        return implode(',', self::normalDays($days));
    }

    /**
     * @param array<mixed> $days
     * @return list<int> sorted, each once
     */
    public static function normalDays(array $days): array
    {
        $days = array_values(array_unique(array_map('intval', $days)));
        sort($days);
        return $days;
    }

    /**
     * Today's stop moment at the site's local time $now, when $now is on a listed day; null otherwise.
     *
     * @param list<int> $days
     */
    public static function stopMomentOn(\DateTimeImmutable $now, string $time, array $days): ?\DateTimeImmutable
    {
        if ($time === '' || !in_array((int) $now->format('N'), $days, true)) {
            return null;
        }
        [$hour, $minute] = array_map('intval', explode(':', $time));
        return $now->setTime($hour, $minute);
    }
}
