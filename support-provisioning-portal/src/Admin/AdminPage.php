<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Admin;

use SupportProvisioningPortal\Plugin;
use SupportProvisioningPortal\Service\Capabilities;

/**
 * The "Support Provisioning" page in wp-admin: a mount point for the admin app.
 */
final class AdminPage
{
    public const SLUG = 'support-provisioning';

    public static function register(): void
    {
        add_menu_page(
            __('Support Provisioning', 'support-provisioning-portal'),
            __('Support Provisioning', 'support-provisioning-portal'),
            Capabilities::PORTAL,
            self::SLUG,
            [self::class, 'render'],
            'dashicons-cloud',
            58
        );
    }

    public static function render(): void
    {
        printf(
            '<div class="wrap"><h1>%1$s</h1><div id="spp-admin-root" data-version="%2$s"><noscript><p>%3$s</p></noscript></div></div>',
            esc_html__('Support Provisioning', 'support-provisioning-portal'),
            esc_attr(Plugin::VERSION),
            esc_html__('The Support Provisioning page needs JavaScript. Enable it in your browser and reload.', 'support-provisioning-portal')
        );
    }
}
