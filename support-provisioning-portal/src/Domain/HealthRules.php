<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The verdicts of the plugin's Site Health tests (docs/decisions/site-health.md), as WordPress
 * names them: good, recommended, critical.
 */
final class HealthRules
{
    public const GOOD = 'good';
    public const RECOMMENDED = 'recommended';
    public const CRITICAL = 'critical';
    /** The tick runs every minute; five missed minutes mean nothing runs it. */
    public const TICK_LATE_SECONDS = 300;

    /** The last tick (Unix time, null = never) against now; work waiting makes a missing tick critical. */
    public static function tick(?int $lastRun, int $now, int $backlog): string
    {
        if ($lastRun !== null && $now - $lastRun <= self::TICK_LATE_SECONDS) {
            return self::GOOD;
        }
        return $backlog > 0 || $lastRun !== null ? self::CRITICAL : self::RECOMMENDED;
    }

    /**
     * With WP-Cron disabled only a system cron runs the tick: critical when the tick is late.
     * WP-Cron itself runs only when someone visits the site, so a system cron is recommended.
     */
    public static function cron(bool $wpCronDisabled, ?int $lastRun, int $now): string
    {
        if (!$wpCronDisabled) {
            return self::RECOMMENDED;
        }
        return $lastRun !== null && $now - $lastRun <= self::TICK_LATE_SECONDS ? self::GOOD : self::CRITICAL;
    }

    /** The installed schema must be the plugin's: older means a migration failed, newer an older plugin. */
    public static function schema(int $installed, int $latest): string
    {
        return $installed === $latest ? self::GOOD : self::CRITICAL;
    }

    /**
     * A dedicated key is good; one derived from WordPress's salts works until they are rotated; a
     * stored secret the key cannot open is critical.
     */
    public static function encryptionKey(bool $dedicatedKey, bool $storedSecretOpens): string
    {
        if (!$storedSecretOpens) {
            return self::CRITICAL;
        }
        return $dedicatedKey ? self::GOOD : self::RECOMMENDED;
    }
}
