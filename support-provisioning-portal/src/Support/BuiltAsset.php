<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Support;

use SupportProvisioningPortal\Plugin;

/**
 * A UI entry point compiled by `npm run build`: build/{name}.js and .css, and build/{name}.asset.php
 * listing the WordPress scripts it needs and its version.
 */
final class BuiltAsset
{
    public static function isBuilt(string $name): bool
    {
        return is_readable(self::path($name . '.asset.php'));
    }

    /**
     * Enqueues the script (footer, with its translations) and the style (RTL variant included);
     * nothing when it is not built.
     *
     * @param list<string> $styleDependencies
     */
    public static function enqueue(string $name, string $handle, array $styleDependencies): void
    {
        if (!self::isBuilt($name)) {
            return;
        }
        /** @var array{dependencies: list<string>, version: string} $asset */
        $asset = require self::path($name . '.asset.php');
        $version = $asset['version'];
        wp_enqueue_script($handle, Plugin::url("build/{$name}.js"), $asset['dependencies'], $version, true);
        $languages = plugin_dir_path(Plugin::mainFile()) . 'languages';
        wp_set_script_translations($handle, Plugin::TEXT_DOMAIN, $languages);
        wp_enqueue_style($handle, Plugin::url("build/{$name}.css"), $styleDependencies, $version);
        wp_style_add_data($handle, 'rtl', 'replace');
    }

    private static function path(string $file): string
    {
        return plugin_dir_path(Plugin::mainFile()) . 'build/' . $file;
    }
}
