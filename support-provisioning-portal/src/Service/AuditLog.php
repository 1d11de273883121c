<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The audit rows of events without a request (the worker's steps). SystemAudit writes them to the
 * site's audit log; the state-machine tests keep them in a list.
 */
interface AuditLog
{
    /**
     * @param string $result AuditTrail::SUCCESS, DENIED or ERROR
     * @param array<string, mixed> $details
     */
    public function recordSystem(string $action, int $deploymentId, string $result, array $details = []): void;
}
