<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/** Audit rows in the site's log, by the current user. */
final class CurrentUserAudit implements UserAudit
{
    public function record(string $action, string $objectType, string|int $objectId, ?int $deploymentId, string $result, array $details): void
    {
        AuditTrail::recordForCurrentUser($action, $objectType, $objectId, $deploymentId, $result, $details);
    }
}
