<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Admin;

use SupportProvisioningPortal\Support\BuiltAsset;

/**
 * The admin app's compiled script and style (build/admin.*). WordPress provides React,
 * wp-components, wp-api-fetch (root URL and REST nonce) and wp-i18n, as listed in
 * build/admin.asset.php; the style builds on wp-components' own.
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
        return BuiltAsset::isBuilt('admin');
    }

    public static function enqueue(): void
    {
        BuiltAsset::enqueue('admin', self::HANDLE, ['wp-components']);
    }
}
