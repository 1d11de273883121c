<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * Audit rows a service writes for the current user beside its request's own row (a hand-over's
 * notice, a leaving user's moves). CurrentUserAudit writes them to the site's audit log; the
 * state-machine tests keep them in a list.
 */
interface UserAudit
{
    /**
     * @param string $result AuditTrail::SUCCESS, DENIED or ERROR
     * @param array<string, mixed> $details
     */
    public function record(string $action, string $objectType, string|int $objectId, ?int $deploymentId, string $result, array $details): void;
}
