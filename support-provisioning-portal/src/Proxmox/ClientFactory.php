<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * The Proxmox client for the configured mode.
 */
final class ClientFactory
{
    private static ?ProxmoxClient $client = null;

    public static function client(): ProxmoxClient
    {
        if (self::$client !== null) {
            return self::$client;
        }
        $settings = SettingsStore::all();
        return self::$client = match ($settings['mode']) {
            default => new MockProxmox($settings['node']),
        };
    }

    /** Settings changed: the next call builds a client from them. */
    public static function reset(): void
    {
        self::$client = null;
    }
}
