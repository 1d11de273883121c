<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Cron;
use SupportProvisioningPortal\Mail\MailPreferences;
use SupportProvisioningPortal\Mail\MailSettings;
use SupportProvisioningPortal\Proxmox\MockProxmox;
use SupportProvisioningPortal\Service\Connections;
use SupportProvisioningPortal\Service\DriftReport;
use SupportProvisioningPortal\Service\OrphanOwner;
use SupportProvisioningPortal\Service\Ticker;
use SupportProvisioningPortal\Service\TicketSettings;
use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * Deletes the plugin's data site by site, and only where the site's admin opted in.
 */
final class Uninstaller
{
    public const OPT_IN_OPTION = 'spp_delete_data_on_uninstall';

    /**
     * Every site option the plugin writes, by the constants that name them where they are used.
     * Only these go: other plugins' options may share the `spp_` prefix.
     */
    public const OPTIONS = [
        SettingsStore::OPTION,
        SettingsStore::SECRET_OPTION,
        Schema::VERSION_OPTION,
        self::OPT_IN_OPTION,
        MockProxmox::FAULTS_OPTION,
        Connections::OPTION,
        OrphanOwner::OPTION,
        Ticker::LAST_RUN_OPTION,
        TicketSettings::OPTION,
        MailSettings::OPTION,
        DriftReport::OPTION,
    ];

    public static function run(): void
    {
        if (!is_multisite()) {
            self::removeSiteIfOptedIn();
            return;
        }
        foreach (get_sites(['fields' => 'ids', 'number' => 0]) as $siteId) {
            switch_to_blog((int) $siteId);
            self::removeSiteIfOptedIn();
            restore_current_blog();
        }
    }

    private static function removeSiteIfOptedIn(): void
    {
        Cron::unscheduleAll();
        if (!get_option(self::OPT_IN_OPTION)) {
            return;
        }
        global $wpdb;
        foreach (Tables::ALL as $table) {
            $wpdb->query('DROP TABLE IF EXISTS ' . Tables::name($table));
        }
        foreach (self::OPTIONS as $option) {
            delete_option($option);
        }
        foreach ([...RightsStore::USER_OPTIONS, MailPreferences::OPTION] as $userOption) {
            delete_metadata('user', 0, $wpdb->get_blog_prefix() . $userOption, '', true);
        }
        wp_cache_flush();
    }
}
