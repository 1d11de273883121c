<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * The identity of the connection the portal uses now (see ProxmoxClient::identity()). It is
 * asked of Proxmox once per base URL and kept, so it does not change when the token's rights do,
 * and showing a list never waits for Proxmox.
 */
final class Connections
{
    public const MOCK = 'mock';
    public const OPTION = 'spp_connection_identity';

    /** The current identity, asking Proxmox when it is not known yet (throws ProxmoxError). */
    public static function current(ProxmoxClient $proxmox): string
    {
        $known = self::known();
        if ($known !== null) {
            return $known;
        }
        $identity = $proxmox->identity();
        update_option(self::OPTION, ['baseUrl' => self::baseUrl(), 'identity' => $identity], false);
        return $identity;
    }

    /** The current identity without asking Proxmox: null while it has not been learnt. */
    public static function known(): ?string
    {
        if (SettingsStore::all()['mode'] !== SettingsStore::MODE_HTTP) {
            return self::MOCK;
        }
        $stored = get_option(self::OPTION, []);
        return is_array($stored) && ($stored['baseUrl'] ?? null) === self::baseUrl() && is_string($stored['identity'] ?? null)
            ? $stored['identity']
            : null;
    }

    /** Whether a deployment's VM was made on a connection other than the current one (false while unknown). */
    public static function isOther(string $connection): bool
    {
        return self::differs($connection, self::known());
    }

    /** Whether $connection is known to be other than $current (null: not learnt yet). */
    public static function differs(string $connection, ?string $current): bool
    {
        return $connection !== '' && $current !== null && $connection !== $current;
    }

    public static function describe(string $connection): string
    {
        return $connection === self::MOCK ? __('the mock node', 'support-provisioning-portal') : $connection;
    }

    private static function baseUrl(): string
    {
        return rtrim(strtolower(SettingsStore::all()['baseUrl']), '/');
    }
}
