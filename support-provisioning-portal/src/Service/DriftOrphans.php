<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\TaskWaiter;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\DriftStore;
use SupportProvisioningPortal\Support\Time;

/**
 * The two actions on an orphan (docs/decisions/drift.md): adopt it as the deployment of a chosen
 * owner, by bringing back the record whose marker it carries, or destroy it. Both prove the orphan
 * again under a lock of its record, so an adoption and a destruction (or two adoptions, on any
 * number of web servers) never both act on it.
 */
final class DriftOrphans
{
    public const ADOPT_AUDIT = 'drift.adopt';
    public const DESTROY_AUDIT = 'drift.destroy';
    private const LOCK_SECONDS = 15;
    /** As long as qemu-server waits for a stop of a VM up to 30 GiB (cluster-safety.md, power actions). */
    private const TASK_WAIT_SECONDS = 30;

    /**
     * @throws ServiceError 404 unknown owner, 422 owner without portal access, 409 no orphan / over
     *     the owner's quota / adopted meanwhile, 502 Proxmox
     */
    public static function adopt(int $actorId, int $vmid, string $marker, string $ownerLogin): DeploymentRecord
    {
        AuditTrail::describe('vm', $vmid, null, ['vmid' => $vmid, 'marker' => $marker]);
        $owner = Sharing::findUser($ownerLogin);
        AuditTrail::addDetails(['toId' => $owner->ID, 'toLogin' => $owner->user_login]);
        if (!UserRights::has($owner->ID, Right::PORTAL_ACCESS)) {
            throw ServiceError::fromCode(ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS);
        }
        $id = self::locked($vmid, $marker, static function (DriftProof $proof) use ($owner): int {
            if ($proof->reason === 'duplicate') {
                throw DriftProof::noDrift(__('Its deployment lives on with another VM: this copy can only be destroyed.', 'support-provisioning-portal'));
            }
            $id = $proof->marker->deploymentId();
            $adopted = Quota::allocate($owner->ID, $proof->listed->memoryMb, static fn (): bool => DriftStore::revive(
                $id,
                $proof->record['status'],
                $proof->marker->nonce(),
                $owner->ID,
                self::revivedFields($id, $proof)
            ), true);
            if ($adopted instanceof QuotaViolation) {
                throw Deployments::quotaError($adopted);
            }
            if (!$adopted) {
                throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
            }
            return $id;
        });
        AuditTrail::describe('vm', $vmid, $id);
        DriftReport::forgetOrphan($vmid);
        return DeploymentStore::find($id, $actorId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }

    /**
     * Lifts protection, stops it if it runs and destroys it, waiting for each task as long as
     * qemu-server would.
     *
     * @return array{vmid: int, node: string, marker: string, destroyed: bool}
     * @throws ServiceError 409 no orphan, 502 Proxmox
     */
    public static function destroy(int $vmid, string $marker): array
    {
        AuditTrail::describe('vm', $vmid, null, ['vmid' => $vmid, 'marker' => $marker]);
        [$node, $destroyed] = self::locked($vmid, $marker, static function (DriftProof $proof): array {
            $proxmox = $proof->proxmox;
            if ($proof->facts->protected) {
                $proxmox->setProtection($proof->vm, false, $proof->facts->digest);
            }
            if ($proof->listed->running && !TaskWaiter::wait($proxmox, $proxmox->stop($proof->vm), self::TASK_WAIT_SECONDS)->succeeded()) {
                throw new ProxmoxError(sprintf('%s did not stop in time; it was not destroyed.', $proof->vm));
            }
            return [$proof->vm->node, TaskWaiter::wait($proxmox, $proxmox->destroy($proof->vm), self::TASK_WAIT_SECONDS)->succeeded()];
        });
        AuditTrail::addDetails(['destroyed' => $destroyed]);
        DriftReport::forgetOrphan($vmid);
        return ['vmid' => $vmid, 'node' => $node, 'marker' => $marker, 'destroyed' => $destroyed];
    }

    /**
     * @template T
     * @param callable(DriftProof): T $act
     * @return T
     */
    private static function locked(int $vmid, string $marker, callable $act): mixed
    {
        $parsed = VmMarker::parse($marker);
        return DbLock::hold('drift-' . ($parsed?->deploymentId() ?? 0), self::LOCK_SECONDS, static function () use ($vmid, $marker, $act): mixed {
            try {
                $proof = DriftProof::orphan($vmid, $marker);
                AuditTrail::addDetails($proof->details());
                return $act($proof);
            } catch (ProxmoxError $error) {
                throw DriftProof::proxmoxError($error);
            }
        });
    }

    /** @return array<string, int|string|null> where the VM is and what it is, with the record's own lifetime from now */
    private static function revivedFields(int $id, DriftProof $proof): array
    {
        $record = DeploymentStore::find($id) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
        $hours = $record->neverExpire ? null : $record->ttlHours;
        return [
            'status' => ($proof->listed->running ? Status::RUNNING : Status::STOPPED)->value,
            'vmid' => $proof->vm->vmid,
            'node' => $proof->vm->node,
            'vm_connection' => $proof->vm->connection,
            'memory_mb' => $proof->listed->memoryMb,
            'cpu_cores' => $proof->listed->cores,
            'expires_at' => $hours === null ? null : Time::toDb(Time::now()->modify("+{$hours} hours")),
        ];
    }
}
