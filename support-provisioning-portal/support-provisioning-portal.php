<?php

/**
 * Plugin Name:       Support Provisioning Portal
 * Description:       Self-service Proxmox VE virtual machines for support staff, from approved templates only, with quotas, expiry, sharing and a full audit trail.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Support Provisioning Portal team
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       support-provisioning-portal
 * Domain Path:       /languages
 *
 * This file must stay parseable by old PHP versions: it only checks requirements and hands over.
 */

defined('ABSPATH') || exit;

if (version_compare(PHP_VERSION, '8.1', '<')) {
    add_action('admin_notices', function () {
        printf(
            '<div class="notice notice-error"><p>%s</p></div>',
            esc_html(sprintf(
                /* translators: 1: required PHP version, 2: running PHP version */
                __('Support Provisioning Portal needs PHP %1$s or newer; this site runs PHP %2$s. The plugin stays inactive until PHP is upgraded.', 'support-provisioning-portal'),
                '8.1',
                PHP_VERSION
            ))
        );
    });
    return;
}

require_once __DIR__ . '/src/Autoloader.php';
SupportProvisioningPortal\Autoloader::register(__DIR__ . '/src');
SupportProvisioningPortal\Plugin::boot(__FILE__);
