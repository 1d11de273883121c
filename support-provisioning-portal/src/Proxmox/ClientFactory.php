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
        if (self::$client === null) {
            $settings = SettingsStore::all();
            // Only HTTP mode uses the secret: a mock-mode read does not fetch it from the database.
            self::$client = self::fromSettings($settings, $settings['mode'] === SettingsStore::MODE_HTTP ? SettingsStore::tokenSecret() : '');
        }
        return self::$client;
    }

    /**
     * A client for the given settings, saved or not (the connection test of posted settings).
     *
     * @param array{mode: string, node: string, baseUrl: string, tokenId: string, caCertificate: string} $settings
     */
    public static function fromSettings(array $settings, #[\SensitiveParameter] string $tokenSecret): ProxmoxClient
    {
        return match ($settings['mode']) {
            SettingsStore::MODE_HTTP => new HttpProxmox(HttpConfig::fromSettings($settings, $tokenSecret)),
            default => new MockProxmox($settings['node']),
        };
    }

    /** Settings changed: the next call builds a client from them. */
    public static function reset(): void
    {
        self::$client = null;
    }
}
