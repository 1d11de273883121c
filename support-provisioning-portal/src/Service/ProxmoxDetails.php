<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * Proxmox's own messages name hosts, addresses and cURL internals: a deployment's owner and
 * managers (manage_all) read them; users it is shared with learn that something failed and whom
 * to ask (docs/decisions/settings.md).
 */
final class ProxmoxDetails
{
    /** @param list<Right>|null $viewerRights the viewer's effective rights when already resolved */
    public static function visibleTo(DeploymentRecord $d, int $viewerId, ?array $viewerRights = null): bool
    {
        return $d->ownerId === $viewerId
            || in_array(Right::MANAGE_ALL, $viewerRights ?? UserRights::effective($viewerId), true);
    }

    public static function withheld(): string
    {
        return __(
            'Proxmox reported an error for this deployment. Its owner and portal managers can see the full message.',
            'support-provisioning-portal'
        );
    }

    /**
     * A Proxmox failure of a viewer's own action, told in full or without its details.
     *
     * @param list<Right>|null $viewerRights the viewer's effective rights when already resolved
     */
    public static function forViewer(ServiceError $error, DeploymentRecord $d, int $viewerId, ?array $viewerRights = null): ServiceError
    {
        if ($error->errorCode !== ErrorCode::PROXMOX_ERROR || self::visibleTo($d, $viewerId, $viewerRights)) {
            return $error;
        }
        return new ServiceError(ErrorCode::PROXMOX_ERROR, self::withheld());
    }
}
