<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Settings;

use SupportProvisioningPortal\Store\Uninstaller;

/**
 * The portal's settings. The token secret is kept apart: sealed with SecretBox, never autoloaded,
 * and overridable by the SPP_PROXMOX_TOKEN_SECRET constant in wp-config.php.
 */
final class SettingsStore
{
    public const OPTION = 'spp_settings';
    public const SECRET_OPTION = 'spp_token_secret';
    public const MODE_MOCK = 'mock';
    public const MODE_HTTP = 'http';

    /**
     * @return array{mode: string, baseUrl: string, tokenId: string, node: string, caCertificate: string,
     *     defaultUserRamLimitMb: int, globalRamLimitMb: int, defaultUserVmLimit: int, snapshotLimit: int,
     *     placementPolicy: string, placementNode: string, placementNodes: string, nodeReserveMb: int, nodeReserves: string}
     */
    public static function defaults(): array
    {
        return [
            'mode' => self::MODE_MOCK,
            'baseUrl' => '',
            'tokenId' => '',
            'node' => 'pve',
            'caCertificate' => '',
            'defaultUserRamLimitMb' => 0,
            'globalRamLimitMb' => 0,
            // Deployments holding a VM a user may have (0 = unlimited): docs/decisions/vm-contingent.md.
            'defaultUserVmLimit' => 0,
            // User snapshots a deployment may have beside its baseline (0 = none): docs/decisions/snapshots.md.
            'snapshotLimit' => 3,
            // Placement across the cluster: docs/decisions/placement.md.
            'placementPolicy' => 'memory',
            'placementNode' => '',
            // Nodes new VMs may go to, comma-separated; empty = every node.
            'placementNodes' => '',
            // Memory kept free on every node, and per-node exceptions "node=MB, node=MB".
            'nodeReserveMb' => 2048,
            'nodeReserves' => '',
        ];
    }

    /**
     * @return array{mode: string, baseUrl: string, tokenId: string, node: string, caCertificate: string,
     *     defaultUserRamLimitMb: int, globalRamLimitMb: int, defaultUserVmLimit: int, snapshotLimit: int,
     *     placementPolicy: string, placementNode: string, placementNodes: string, nodeReserveMb: int, nodeReserves: string}
     */
    public static function all(): array
    {
        // Read once per request: a list reads the settings for every row (OptionReads).
        return OptionReads::get(self::OPTION, [], static fn (mixed $stored): array =>
            array_replace(self::defaults(), array_intersect_key(is_array($stored) ? $stored : [], self::defaults())));
    }

    /** @param array<string, mixed> $changes keys of defaults() only */
    public static function update(array $changes): void
    {
        update_option(self::OPTION, array_replace(self::all(), array_intersect_key($changes, self::defaults())), true);
    }

    public static function deleteDataOnUninstall(): bool
    {
        return (bool) get_option(Uninstaller::OPT_IN_OPTION, false);
    }

    public static function setDeleteDataOnUninstall(bool $optIn): void
    {
        update_option(Uninstaller::OPT_IN_OPTION, $optIn ? 1 : 0, false);
    }

    public static function tokenSecret(): string
    {
        if (self::tokenSecretFromConstant()) {
            return (string) constant('SPP_PROXMOX_TOKEN_SECRET');
        }
        $sealed = get_option(self::SECRET_OPTION, '');
        return is_string($sealed) && $sealed !== '' ? (SecretBox::open($sealed) ?? '') : '';
    }

    /** The wp-config constant wins over the stored secret. */
    public static function tokenSecretFromConstant(): bool
    {
        return defined('SPP_PROXMOX_TOKEN_SECRET');
    }

    public static function tokenSecretSet(): bool
    {
        return self::tokenSecret() !== '';
    }

    public static function setTokenSecret(#[\SensitiveParameter] string $secret): void
    {
        update_option(self::SECRET_OPTION, SecretBox::seal($secret), false);
    }
}
