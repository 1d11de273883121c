<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Admin;

use SupportProvisioningPortal\Plugin;
use SupportProvisioningPortal\Service\Capabilities;

/**
 * The "Support Provisioning" page in wp-admin: a mount point for the admin app (ui/admin).
 */
final class AdminPage
{
    public const SLUG = 'support-provisioning';

    public static function register(): void
    {
        $hook = add_menu_page(
            __('Support Provisioning', 'support-provisioning-portal'),
            __('Support Provisioning', 'support-provisioning-portal'),
            Capabilities::PORTAL,
            self::SLUG,
            [self::class, 'render'],
            'dashicons-cloud',
            58
        );
        add_action('load-' . $hook, [AdminAssets::class, 'register']);
    }

    public static function render(): void
    {
        printf(
            '<div class="wrap"><h1>%1$s</h1><div id="spp-admin-root" data-version="%2$s">%3$s</div></div>',
            esc_html__('Support Provisioning', 'support-provisioning-portal'),
            esc_attr(Plugin::VERSION),
            wp_kses(self::fallback(), ['div' => ['class' => true], 'p' => [], 'noscript' => []])
        );
    }

    /** What shows until the app replaces it: why it is missing, if it cannot start. */
    private static function fallback(): string
    {
        if (!AdminAssets::isBuilt()) {
            return sprintf('<div class="notice notice-error inline"><p>%s</p></div>', esc_html__(
                'The admin app is missing from build/: install a release package, or run "npm run build".',
                'support-provisioning-portal'
            ));
        }
        return sprintf('<noscript><p>%s</p></noscript>', esc_html__(
            'The Support Provisioning page needs JavaScript. Enable it in your browser and reload.',
            'support-provisioning-portal'
        ));
    }
}
