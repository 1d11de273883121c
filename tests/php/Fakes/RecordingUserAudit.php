<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Service\UserAudit;

/** The current user's audit rows a service wrote besides its request's own, in order. */
final class RecordingUserAudit implements UserAudit
{
    /** @var list<array{action: string, objectType: string, objectId: string, deploymentId: ?int, result: string, details: array<string, mixed>}> */
    public array $rows = [];

    public function record(string $action, string $objectType, string|int $objectId, ?int $deploymentId, string $result, array $details): void
    {
        $this->rows[] = ['action' => $action, 'objectType' => $objectType, 'objectId' => (string) $objectId, 'deploymentId' => $deploymentId, 'result' => $result, 'details' => $details];
    }

    /** @return list<string> */
    public function actions(): array
    {
        return array_column($this->rows, 'action');
    }
}
