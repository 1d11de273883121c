<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Admin;

use SupportProvisioningPortal\Plugin;

/**
 * The admin app's compiled script and style (build/, made by `npm run build`). WordPress
 * provides React, wp-components, wp-api-fetch (root URL and REST nonce) and wp-i18n, as listed
 * in build/admin.asset.php.
 */
final class AdminAssets
{
    public const HANDLE = 'spp-admin';

    /** Runs on the page's load-{hook}, so the assets load on this page only. */
    public static function register(): void
    {
        add_action('admin_enqueue_scripts', [self::class, 'enqueue']);
    }

    public static function isBuilt(): bool
    {
        return is_readable(self::assetFile());
    }

    public static function enqueue(): void
    {
        if (!self::isBuilt()) {
            return;
        }
        /** @var array{dependencies: list<string>, version: string} $asset */
        $asset = require self::assetFile();
        $version = $asset['version'];
        wp_enqueue_script(self::HANDLE, Plugin::url('build/admin.js'), $asset['dependencies'], $version, true);
        $languages = plugin_dir_path(Plugin::mainFile()) . 'languages';
        wp_set_script_translations(self::HANDLE, Plugin::TEXT_DOMAIN, $languages);
        wp_enqueue_style(self::HANDLE, Plugin::url('build/admin.css'), ['wp-components'], $version);
        wp_style_add_data(self::HANDLE, 'rtl', 'replace');
    }

    private static function assetFile(): string
    {
        return plugin_dir_path(Plugin::mainFile()) . 'build/admin.asset.php';
    }
}
