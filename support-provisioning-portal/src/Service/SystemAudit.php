<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/** System rows in the site's audit log (AuditTrail::recordSystem()). */
final class SystemAudit implements AuditLog
{
    public function recordSystem(string $action, int $deploymentId, string $result, array $details = []): void
    {
        AuditTrail::recordSystem($action, $deploymentId, $result, $details);
    }
}
