<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\DeploymentAccess;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Support\Time;

/**
 * The deployment resource of the REST API (CONTRACT §6), including what the caller may do now.
 */
final class DeploymentResource
{
    /**
     * @param list<Right>|null $viewerRights the viewer's effective rights, resolved once for a whole list
     * @return array<string, mixed>
     */
    public static function toArray(DeploymentRecord $d, int $viewerId, ?array $viewerRights = null): array
    {
        return [
            'id' => $d->id,
            'name' => $d->name,
            'status' => $d->status->value,
            'step' => $d->step,
            'templateId' => $d->templateId,
            'templateName' => $d->templateName,
            'osType' => $d->osType,
            'ownerId' => $d->ownerId,
            'ownerLogin' => $d->ownerLogin,
            'ownerName' => $d->ownerName,
            'node' => $d->node,
            'vmid' => $d->vmid,
            'cpuCores' => $d->cpuCores,
            'memoryMb' => $d->memoryMb,
            'diskGb' => $d->diskGb,
            'neverExpire' => $d->neverExpire,
            'ttlHours' => $d->ttlHours,
            'expiresAt' => Time::dbToIso($d->expiresAt),
            'createdAt' => Time::dbToIso($d->createdAt),
            'updatedAt' => Time::dbToIso($d->updatedAt),
            'ipAddresses' => $d->ipAddresses,
            'ipAddressesUpdatedAt' => Time::dbToIso($d->ipAddressesUpdatedAt),
            'lastError' => $d->lastError === '' ? null : $d->lastError,
            'sharedWithMe' => $d->sharedWithViewer,
            'allowedActions' => DeploymentAccess::policy($viewerId, $d, $viewerRights)->allowedActions(),
        ];
    }
}
