<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * How a portal VM is named and marked on Proxmox, so an admin there can tell whose it is and the
 * portal can prove it is its own (VmMarker).
 */
final class VmNaming
{
    public const TAG = 'spp';

    public static function marker(DeploymentRecord $d): VmMarker
    {
        return VmMarker::of($d->id, $d->vmMarker);
    }

    /** A DNS name: the marker, then the display name's letters and digits. */
    public static function vmName(DeploymentRecord $d): string
    {
        $slug = trim((string) preg_replace('/[^a-z0-9]+/', '-', strtolower(remove_accents($d->name))), '-');
        return self::marker($d)->vmName($slug);
    }

    public static function description(DeploymentRecord $d): string
    {
        return sprintf(
            "Managed by the Support Provisioning Portal. Do not edit by hand.\n%s\ndeployment: %d\nowner: %s (user %d)\ntemplate: %s",
            self::marker($d)->descriptionLine(),
            $d->id,
            $d->ownerLogin,
            $d->ownerId,
            $d->templateName
        ) . ($d->ticket->ticketRef === '' ? '' : "\nticket: {$d->ticket->ticketRef}");
    }

    /** @return list<string> */
    public static function tags(DeploymentRecord $d): array
    {
        return array_values(array_unique([
            self::TAG,
            self::marker($d)->tag(),
            'spp-deployment-' . $d->id,
            'spp-owner-' . $d->ownerId,
        ]));
    }
}
