<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * How a portal VM is named and marked on Proxmox, so an admin there can tell whose it is.
 */
final class VmNaming
{
    public const TAG = 'spp';

    /** Proxmox wants a DNS name: letters, digits and hyphens, at most 63 characters. */
    public static function dnsName(int $deploymentId, string $displayName): string
    {
        $slug = trim((string) preg_replace('/[^a-z0-9]+/', '-', strtolower(remove_accents($displayName))), '-');
        return rtrim(substr("spp-{$deploymentId}" . ($slug === '' ? '' : "-{$slug}"), 0, 63), '-');
    }

    public static function description(DeploymentRecord $d): string
    {
        return sprintf(
            "Managed by the Support Provisioning Portal. Do not edit by hand.\ndeployment: %d\nowner: %s (user %d)\ntemplate: %s",
            $d->id,
            $d->ownerLogin,
            $d->ownerId,
            $d->templateName
        );
    }

    /** @return list<string> */
    public static function tags(DeploymentRecord $d): array
    {
        return [self::TAG, 'spp-deployment-' . $d->id, 'spp-owner-' . $d->ownerId];
    }
}
