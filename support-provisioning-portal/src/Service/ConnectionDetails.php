<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ConnectionKit;
use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\ProxmoxConsoleLink;
use SupportProvisioningPortal\Domain\RdpFile;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * What a viewer of a deployment gets to connect to it: the resolved kit, the `.rdp` files and,
 * for managers in HTTP mode, the link to the VM's console in the Proxmox web UI.
 */
final class ConnectionDetails
{
    /** Statuses in which the VM exists and is not being made or removed. */
    private const CONSOLE_STATUSES = [Status::RUNNING, Status::STOPPED, Status::EXPIRED];

    /** @return array{addresses: list<string>, entries: list<array<string, mixed>>}|null */
    public static function kit(DeploymentRecord $d): ?array
    {
        return ConnectionKit::resolve($d->connectionProfile ?? ConnectionProfile::empty(), $d->ipAddresses);
    }

    /**
     * Only holders of manage_all see the console link: it names the Proxmox host, node and VMID,
     * and opening it needs a Proxmox account, which ordinary portal users do not have.
     *
     * @param list<Right> $rights the viewer's effective rights
     */
    public static function consoleUrl(DeploymentRecord $d, array $rights): ?string
    {
        // The rights first: most viewers are no managers, and a list asks for every row.
        if (!in_array(Right::MANAGE_ALL, $rights, true)) {
            return null;
        }
        $settings = SettingsStore::all();
        if (
            $settings['mode'] !== SettingsStore::MODE_HTTP
            || $d->vmid === null || !in_array($d->status, self::CONSOLE_STATUSES, true)
            // A VM made on another Proxmox connection is not on the configured host.
            || Connections::isOther($d->connection)
        ) {
            return null;
        }
        return ProxmoxConsoleLink::url($settings['baseUrl'], $d->node !== '' ? $d->node : $settings['node'], $d->vmid, $d->name);
    }

    /**
     * The `.rdp` file of one RDP entry, for one of the deployment's addresses (the first, IPv4
     * preferred, when none is named).
     *
     * @return array{name: string, content: string}
     */
    public static function rdpFile(int $userId, int $id, int $entryIndex, ?string $address): array
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::VIEW);
        $entry = ($d->connectionProfile ?? ConnectionProfile::empty())->entries[$entryIndex] ?? null;
        $addresses = ConnectionKit::ipv4First($d->ipAddresses);
        $address ??= $addresses[0] ?? null;
        if ($entry === null || $entry['kind'] !== ConnectionProfile::KIND_RDP || !in_array($address, $addresses, true)) {
            throw ServiceError::fromCode(ErrorCode::CONNECTION_NOT_AVAILABLE);
        }
        return ['name' => RdpFile::fileName($d->id, $d->name), 'content' => RdpFile::content($entry, (string) $address)];
    }
}
