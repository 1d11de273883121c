<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Wiring;

/**
 * The Proxmox client for the configured mode. The client of the saved settings is kept by the
 * plugin's wired ConfiguredClient (Wiring::clients()); client() and reset() are its short forms.
 */
final class ClientFactory
{
    public static function client(): ProxmoxClient
    {
        return Wiring::clients()->client();
    }

    /** The client of the site's saved settings, built anew (ConfiguredClient keeps it). */
    public static function fromSavedSettings(): ProxmoxClient
    {
        $settings = SettingsStore::all();
        // Only HTTP mode uses the secret: a mock-mode read does not fetch it from the database.
        return self::fromSettings($settings, $settings['mode'] === SettingsStore::MODE_HTTP ? SettingsStore::tokenSecret() : '');
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
        Wiring::clients()->forget();
    }
}
