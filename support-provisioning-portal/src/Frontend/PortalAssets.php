<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Frontend;

use SupportProvisioningPortal\Plugin;

/**
 * The portal's compiled script and style (build/portal.*, made by `npm run build`). Unlike the
 * admin app it depends on no wp-admin styles: the theme's own look is what it inherits.
 */
final class PortalAssets
{
    public const HANDLE = 'spp-portal';

    public static function isBuilt(): bool
    {
        return is_readable(self::assetFile());
    }

    /** Safe to call more than once: WordPress enqueues a handle only once per page. */
    public static function enqueue(): void
    {
        if (!self::isBuilt()) {
            return;
        }
        /** @var array{dependencies: list<string>, version: string} $asset */
        $asset = require self::assetFile();
        $version = $asset['version'];
        wp_enqueue_script(self::HANDLE, Plugin::url('build/portal.js'), $asset['dependencies'], $version, true);
        $languages = plugin_dir_path(Plugin::mainFile()) . 'languages';
        wp_set_script_translations(self::HANDLE, Plugin::TEXT_DOMAIN, $languages);
        wp_enqueue_style(self::HANDLE, Plugin::url('build/portal.css'), [], $version);
        wp_style_add_data(self::HANDLE, 'rtl', 'replace');
    }

    private static function assetFile(): string
    {
        return plugin_dir_path(Plugin::mainFile()) . 'build/portal.asset.php';
    }
}
