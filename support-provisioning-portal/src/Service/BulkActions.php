<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\LockTimeout;
use SupportProvisioningPortal\Wiring;

/**
 * One action on many deployments (docs/decisions/bulk-actions.md): each item goes through the same
 * service, rights and status rules as its own request would, and gets its own audit row; one
 * refusal does not stop the others.
 */
final class BulkActions
{
    public const ACTIONS = ['stop', 'prolong', 'delete', 'transfer'];
    /** Items per request: a stop waits for its Proxmox task, so a request stays well within PHP's time. */
    public const MAX_ITEMS = 25;

    public function __construct(
        private readonly Lifecycle $lifecycle,
        private readonly Handover $handover,
        private readonly AuditContexts $audit,
        private readonly UserAudit $userAudit,
    ) {
    }

    /**
     * @param list<int> $ids
     * @param array{hours?: int, to?: string} $args
     * @return list<array{id: int, ok: bool, status?: string, ownerLogin?: string, code?: string, message?: string}>
     */
    public static function run(int $actorId, string $action, array $ids, array $args): array
    {
        return Wiring::bulkActions()->runFor($actorId, $action, $ids, $args);
    }

    /**
     * @param list<int> $ids
     * @param array{hours?: int, to?: string} $args
     * @return list<array{id: int, ok: bool, status?: string, ownerLogin?: string, code?: string, message?: string}>
     */
    public function runFor(int $actorId, string $action, array $ids, array $args): array
    {
        $results = [];
        foreach ($ids as $id) {
            try {
                $d = $this->item(self::auditAction($action), $id, fn (): DeploymentRecord => $this->one($actorId, $action, $id, $args));
                $results[] = ['id' => $id, 'ok' => true, 'status' => $d->status->value, 'ownerLogin' => $d->ownerLogin];
            } catch (ServiceError | LockTimeout $error) {
                $refusal = $error instanceof ServiceError ? $error : ServiceError::fromCode(ErrorCode::TRY_AGAIN);
                $results[] = ['id' => $id, 'ok' => false, 'code' => $refusal->errorCode->value, 'message' => $refusal->getMessage()];
            }
        }
        $this->audit->current()->addDetails([
            'action' => $action,
            'ids' => $ids,
            'succeeded' => count(array_filter($results, static fn (array $r): bool => $r['ok'])),
        ]);
        return $results;
    }

    /**
     * Runs one item in an audit context of its own (inside the request's) and writes its own row,
     * as the item's own request would have: its action, the object and details the service
     * described, and its outcome.
     *
     * @param callable(): DeploymentRecord $run
     */
    private function item(string $action, int $deploymentId, callable $run): DeploymentRecord
    {
        $this->audit->open();
        $failure = null;
        try {
            return $run();
        } catch (ServiceError | LockTimeout $error) {
            $failure = $error instanceof ServiceError ? $error->errorCode : ErrorCode::TRY_AGAIN;
            throw $error;
        } finally {
            $item = $this->audit->close();
            $details = ['bulk' => true] + $item->details();
            if ($failure !== null) {
                $details['error'] = $failure->value;
            }
            $this->userAudit->record(
                $action,
                $item->objectType() ?? 'deployment',
                $item->objectId() ?? $deploymentId,
                $item->deploymentId() ?? $deploymentId,
                $failure === null ? AuditTrail::SUCCESS : AuditTrail::resultFor($failure->httpStatus()),
                $details
            );
        }
    }

    /** @param array{hours?: int, to?: string} $args */
    private function one(int $actorId, string $action, int $id, array $args): DeploymentRecord
    {
        return match ($action) {
            'stop' => $this->lifecycle->powerFor($actorId, $id, Action::STOP),
            'prolong' => $this->lifecycle->prolongFor($actorId, $id, $args['hours'] ?? 0),
            'delete' => $this->lifecycle->deleteFor($actorId, $id),
            'transfer' => $this->handover->transferFor($actorId, $id, $args['to'] ?? ''),
        };
    }

    /** The action the item's own route writes in the audit log. */
    private static function auditAction(string $action): string
    {
        return $action === 'transfer' ? Handover::AUDIT_ACTION : "deployment.{$action}";
    }
}
