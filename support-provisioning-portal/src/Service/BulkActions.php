<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\LockTimeout;

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

    /**
     * @param list<int> $ids
     * @param array{hours?: int, to?: string} $args
     * @return list<array{id: int, ok: bool, status?: string, ownerLogin?: string, code?: string, message?: string}>
     */
    public static function run(int $actorId, string $action, array $ids, array $args): array
    {
        $results = [];
        foreach ($ids as $id) {
            try {
                $d = AuditTrail::forItem(self::auditAction($action), $id, static fn (): DeploymentRecord => self::one($actorId, $action, $id, $args));
                $results[] = ['id' => $id, 'ok' => true, 'status' => $d->status->value, 'ownerLogin' => $d->ownerLogin];
            } catch (ServiceError | LockTimeout $error) {
                $refusal = $error instanceof ServiceError ? $error : ServiceError::fromCode(ErrorCode::TRY_AGAIN);
                $results[] = ['id' => $id, 'ok' => false, 'code' => $refusal->errorCode->value, 'message' => $refusal->getMessage()];
            }
        }
        AuditTrail::addDetails([
            'action' => $action,
            'ids' => $ids,
            'succeeded' => count(array_filter($results, static fn (array $r): bool => $r['ok'])),
        ]);
        return $results;
    }

    /** @param array{hours?: int, to?: string} $args */
    private static function one(int $actorId, string $action, int $id, array $args): DeploymentRecord
    {
        return match ($action) {
            'stop' => Lifecycle::stop($actorId, $id),
            'prolong' => Lifecycle::prolong($actorId, $id, $args['hours'] ?? 0),
            'delete' => Lifecycle::delete($actorId, $id),
            'transfer' => Handover::transfer($actorId, $id, $args['to'] ?? ''),
        };
    }

    /** The action the item's own route writes in the audit log. */
    private static function auditAction(string $action): string
    {
        return $action === 'transfer' ? Handover::AUDIT_ACTION : "deployment.{$action}";
    }
}
