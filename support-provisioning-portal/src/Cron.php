<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

/**
 * The plugin's WP-Cron hooks. The jobs themselves live in the services.
 */
final class Cron
{
    public const TICK_HOOK = 'spp_tick';

    /** @var list<string> */
    private const HOOKS = [self::TICK_HOOK];

    public static function unscheduleAll(): void
    {
        foreach (self::HOOKS as $hook) {
            wp_clear_scheduled_hook($hook);
        }
    }
}
