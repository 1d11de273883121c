<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

/**
 * The plugin's WP-Cron schedule: one tick a minute (a real system cron calling wp-cron.php is
 * recommended in production). The work itself lives in Service\Ticker.
 */
final class Cron
{
    public const TICK_HOOK = Plugin::TICK_HOOK;
    private const SCHEDULE = 'spp_every_minute';

    /** @var list<string> */
    private const HOOKS = [self::TICK_HOOK];

    /**
     * @param array<string, array{interval: int, display: string}> $schedules
     * @return array<string, array{interval: int, display: string}>
     */
    public static function addSchedule(array $schedules): array
    {
        $schedules[self::SCHEDULE] = ['interval' => MINUTE_IN_SECONDS, 'display' => __('Every minute', 'support-provisioning-portal')];
        return $schedules;
    }

    public static function ensureScheduled(): void
    {
        if (!wp_next_scheduled(self::TICK_HOOK)) {
            wp_schedule_event(time(), self::SCHEDULE, self::TICK_HOOK);
        }
    }

    public static function unscheduleAll(): void
    {
        foreach (self::HOOKS as $hook) {
            wp_clear_scheduled_hook($hook);
        }
    }
}
