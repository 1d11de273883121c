<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Service\AuditLog;

/** The system audit rows the worker wrote, in order. */
final class RecordingAudit implements AuditLog
{
    /** @var list<array{action: string, deploymentId: int, result: string, details: array<string, mixed>}> */
    public array $rows = [];

    public function recordSystem(string $action, int $deploymentId, string $result, array $details = []): void
    {
        $this->rows[] = ['action' => $action, 'deploymentId' => $deploymentId, 'result' => $result, 'details' => $details];
    }

    /** @return list<string> */
    public function actions(): array
    {
        return array_column($this->rows, 'action');
    }

    /** @return array{action: string, deploymentId: int, result: string, details: array<string, mixed>} */
    public function last(): array
    {
        return $this->rows[array_key_last($this->rows)] ?? throw new \LogicException('No audit row was written.');
    }
}
