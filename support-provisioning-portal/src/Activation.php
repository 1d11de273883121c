<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

use SupportProvisioningPortal\Store\Schema;

/**
 * Activation and deactivation, for a single site and for network activation on multisite.
 */
final class Activation
{
    public static function activate(bool $networkWide = false): void
    {
        self::forEachSite($networkWide, [self::class, 'installCurrentSite']);
    }

    public static function deactivate(bool $networkWide = false): void
    {
        self::forEachSite($networkWide, [Cron::class, 'unscheduleAll']);
    }

    /**
     * A site created after network activation gets its tables at once.
     */
    public static function installSite(\WP_Site $site): void
    {
        if (!is_plugin_active_for_network(plugin_basename(Plugin::mainFile()))) {
            return;
        }
        switch_to_blog((int) $site->blog_id);
        self::installCurrentSite();
        restore_current_blog();
    }

    /** The tables, and the tick scheduled at once (admin pages and cron runs keep it scheduled). */
    public static function installCurrentSite(): void
    {
        Schema::upgradeIfNeeded();
        Cron::ensureScheduled();
    }

    private static function forEachSite(bool $networkWide, callable $perSite): void
    {
        if (!is_multisite() || !$networkWide) {
            $perSite();
            return;
        }
        foreach (get_sites(['fields' => 'ids', 'number' => 0]) as $siteId) {
            switch_to_blog((int) $siteId);
            $perSite();
            restore_current_blog();
        }
    }
}
