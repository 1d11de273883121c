<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

use SupportProvisioningPortal\Admin\AdminPage;
use SupportProvisioningPortal\Frontend\Shortcode;
use SupportProvisioningPortal\Rest\JsonBodyGuard;
use SupportProvisioningPortal\Rest\Routes;
use SupportProvisioningPortal\Service\AuditTrail;
use SupportProvisioningPortal\Service\Capabilities;
use SupportProvisioningPortal\Service\Privacy;
use SupportProvisioningPortal\Service\SiteHealth;
use SupportProvisioningPortal\Service\UserRemoval;
use SupportProvisioningPortal\Store\RightsStore;
use SupportProvisioningPortal\Store\Schema;

/**
 * Wiring only: connects the plugin's parts to WordPress hooks.
 */
final class Plugin
{
    public const VERSION = '0.1.0';
    public const TEXT_DOMAIN = 'support-provisioning-portal';

    private static string $mainFile = '';

    public static function boot(string $mainFile): void
    {
        self::$mainFile = $mainFile;

        register_activation_hook($mainFile, [Activation::class, 'activate']);
        register_deactivation_hook($mainFile, [Activation::class, 'deactivate']);
        add_action('wp_initialize_site', [Activation::class, 'installSite'], 20);
        add_action('remove_user_from_blog', [RightsStore::class, 'forgetUserOnCurrentSite']);

        add_action('init', [self::class, 'loadTranslations']);
        add_action('plugins_loaded', [Schema::class, 'upgradeIfNeeded']);
        add_action('admin_menu', [AdminPage::class, 'register']);
        add_action('rest_api_init', [Routes::class, 'register']);
        add_action('init', [Shortcode::class, 'register']);
        Capabilities::register();
        AuditTrail::register();
        JsonBodyGuard::register();
        Cron::register();
        UserRemoval::register();
        SiteHealth::register();
        Privacy::register();
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
