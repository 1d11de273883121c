<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

use SupportProvisioningPortal\Admin\AdminPage;
use SupportProvisioningPortal\Admin\ExpiryNotice;
use SupportProvisioningPortal\Admin\MailPreferencesProfile;
use SupportProvisioningPortal\Frontend\Shortcode;
use SupportProvisioningPortal\Mail\Notifications;
use SupportProvisioningPortal\Rest\Routes;
use SupportProvisioningPortal\Service\Capabilities;
use SupportProvisioningPortal\Service\Privacy;
use SupportProvisioningPortal\Service\SiteHealth;
use SupportProvisioningPortal\Service\Ticker;
use SupportProvisioningPortal\Service\UserRemoval;
use SupportProvisioningPortal\Store\RightsStore;
use SupportProvisioningPortal\Store\Schema;
use SupportProvisioningPortal\Store\TableCharset;

/**
 * Wiring only: connects the plugin's parts to WordPress hooks. Every hook names a class, not an
 * instance, and booting loads no class but this one: a request that is not the portal's (a page,
 * /wp/v2/posts) loads only what its hooks reach (docs/decisions/read-performance.md). The REST
 * request hooks are added by Routes, for requests that can reach the portal's routes.
 */
final class Plugin
{
    public const VERSION = '0.1.0';
    public const TEXT_DOMAIN = 'support-provisioning-portal';
    /** Named here, not in their classes, so the wiring loads neither. */
    public const TICK_HOOK = 'spp_tick';
    public const AUDIT_RECORDED_HOOK = 'spp_audit_recorded';
    public const SHORTCODE_TAG = 'support_provisioning_portal';

    /** @var list<array{0: string, 1: class-string, 2: string, 3?: int, 4?: int}> hook, class, method, priority, arguments */
    private const HOOKS = [
        ['wp_initialize_site', Activation::class, 'installSite', 20],
        ['remove_user_from_blog', RightsStore::class, 'forgetUserOnCurrentSite'],
        // Cached counts stay true whoever writes (settings forget themselves: SettingsStore::all()).
        ['added_user_meta', RightsStore::class, 'onUserMetaChange', 10, 3],
        ['updated_user_meta', RightsStore::class, 'onUserMetaChange', 10, 3],
        ['deleted_user_meta', RightsStore::class, 'onUserMetaChange', 10, 3],
        ['pre_get_table_charset', TableCharset::class, 'of', 10, 2],
        ['pre_get_col_charset', TableCharset::class, 'of', 10, 2],
        ['init', self::class, 'init'],
        // Mails are written in their recipient's language (Mail\Mailer switches to it).
        ['change_locale', self::class, 'loadTranslations'],
        ['plugins_loaded', Schema::class, 'upgradeIfNeeded'],
        ['admin_menu', AdminPage::class, 'register'],
        ['rest_api_init', Routes::class, 'register'],
        ['wp_enqueue_scripts', Shortcode::class, 'enqueueEarly'],
        ['user_has_cap', Capabilities::class, 'grant', 10, 4],
        ['cron_schedules', Cron::class, 'addSchedule'],
        [self::TICK_HOOK, Ticker::class, 'tick'],
        ['admin_init', Cron::class, 'ensureScheduled'],
        ['delete_user', UserRemoval::class, 'onDelete', 10, 2],
        ['remove_user_from_blog', UserRemoval::class, 'onRemoveFromSite', 10, 3],
        ['users_have_additional_content', UserRemoval::class, 'haveDeployments', 10, 2],
        ['delete_user_form', UserRemoval::class, 'explain', 10, 2],
        ['site_status_tests', SiteHealth::class, 'addTests'],
        ['wp_privacy_personal_data_exporters', Privacy::class, 'addExporter'],
        ['wp_privacy_personal_data_erasers', Privacy::class, 'addEraser'],
        ['admin_notices', ExpiryNotice::class, 'render'],
        ['show_user_profile', MailPreferencesProfile::class, 'render'],
        ['personal_options_update', MailPreferencesProfile::class, 'save'],
        [self::AUDIT_RECORDED_HOOK, Notifications::class, 'onAudit'],
    ];

    private static string $mainFile = '';

    public static function boot(string $mainFile): void
    {
        self::$mainFile = $mainFile;

        register_activation_hook($mainFile, [Activation::class, 'activate']);
        register_deactivation_hook($mainFile, [Activation::class, 'deactivate']);
        foreach (self::HOOKS as $hook) {
            add_filter($hook[0], [$hook[1], $hook[2]], $hook[3] ?? 10, $hook[4] ?? 1);
        }
    }

    public static function init(): void
    {
        self::loadTranslations();
        // A post's content may hold the portal wherever WordPress renders it (pages, REST, feeds).
        add_shortcode(self::SHORTCODE_TAG, [Shortcode::class, 'render']);
        // The tick is (re)scheduled where a site's cron runs; admin pages do it too (Cron::ensureScheduled).
        if (wp_doing_cron()) {
            Cron::ensureScheduled();
        }
    }

    /**
     * The translations shipped in languages/ (npm run i18n); a language pack in
     * wp-content/languages/plugins/ takes precedence, as load_plugin_textdomain() looks there first.
     */
    public static function loadTranslations(): void
    {
        load_plugin_textdomain(self::TEXT_DOMAIN, false, dirname(plugin_basename(self::$mainFile)) . '/languages');
    }

    public static function mainFile(): string
    {
        return self::$mainFile;
    }

    public static function url(string $relative): string
    {
        return plugins_url($relative, self::$mainFile);
    }
}
