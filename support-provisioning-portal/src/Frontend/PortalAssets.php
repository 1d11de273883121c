<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Frontend;

use SupportProvisioningPortal\Support\BuiltAsset;

/**
 * The portal's compiled script and style (build/portal.*). Unlike the admin app it depends on
 * no wp-admin styles: the theme's own look is what it inherits.
 */
final class PortalAssets
{
    public const HANDLE = 'spp-portal';

    public static function isBuilt(): bool
    {
        return BuiltAsset::isBuilt('portal');
    }

    /** Safe to call more than once: WordPress enqueues a handle only once per page. */
    public static function enqueue(): void
    {
        BuiltAsset::enqueue('portal', self::HANDLE, []);
    }
}
