<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ClusterVm;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * The actions on a drifted deployment (docs/decisions/drift.md), each after proving its case
 * again: mark a deployment whose VM is gone or replaced as gone (nothing is sent to Proxmox), put
 * back the size and name its VM was given, or stop the VM of an expired deployment (the expiry's
 * own stop step runs again, which also protects it).
 */
final class DriftRepairs
{
    public const GONE_AUDIT = 'drift.mark_gone';
    public const REAPPLY_AUDIT = 'drift.reapply';
    public const STOP_AUDIT = 'drift.stop';

    /** @throws ServiceError 404, 409 spp_no_drift / busy / other connection, 502 */
    public static function markGone(int $actorId, int $id): DeploymentRecord
    {
        return self::repair($actorId, $id, static function (DeploymentRecord $d, VmLookup $lookup): void {
            if ($lookup->kind !== VmLookup::GONE && $lookup->kind !== VmLookup::NOT_OWNED) {
                throw DriftProof::noDrift(__('Its VM is still there and carries its marker: delete the deployment instead.', 'support-provisioning-portal'));
            }
            AuditTrail::addDetails(['reason' => $lookup->reason()]);
            self::conditional($d, [
                'status' => Status::DELETED->value,
                'last_error' => $lookup->reason(),
                'ip_addresses' => '[]',
                'deleted_at' => Time::nowDb(),
            ]);
        });
    }

    /** @throws ServiceError 404, 409 spp_no_drift / busy / other connection, 502 */
    public static function reapply(int $actorId, int $id): DeploymentRecord
    {
        return self::repair($actorId, $id, static function (DeploymentRecord $d, VmLookup $lookup): void {
            $listed = self::owned($lookup);
            $changes = DriftScan::changes(['id' => $d->id, 'nonce' => $d->vmMarker, 'memoryMb' => $d->memoryMb, 'cores' => $d->cpuCores], $listed);
            if ($changes === []) {
                throw DriftProof::noDrift(__('Its VM already has the size and name the portal gave it.', 'support-provisioning-portal'));
            }
            AuditTrail::addDetails(['changes' => $changes]);
            ClientFactory::client()->applySize($lookup->vm ?? throw new \LogicException('owned without a VM'), $d->cpuCores, $d->memoryMb, VmNaming::vmName($d), $lookup->facts?->digest ?? '');
        });
    }

    /** @throws ServiceError 404, 409 spp_no_drift / busy / other connection, 502 */
    public static function stop(int $actorId, int $id): DeploymentRecord
    {
        return self::repair($actorId, $id, static function (DeploymentRecord $d, VmLookup $lookup): void {
            if ($d->status !== Status::EXPIRED || !self::owned($lookup)->running) {
                throw DriftProof::noDrift(__('Only the running VM of an expired deployment is stopped here.', 'support-provisioning-portal'));
            }
            if (!DeploymentStore::beginStep($d->id, [Status::EXPIRED], Steps::EXPIRE_STOP, [])) {
                throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
            }
        });
    }

    /** @param callable(DeploymentRecord, VmLookup): void $act */
    private static function repair(int $actorId, int $id, callable $act): DeploymentRecord
    {
        AuditTrail::describe('deployment', $id, $id);
        $d = DeploymentStore::find($id, $actorId);
        if ($d === null || $d->status === Status::DELETED) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
        }
        if ($d->hasPendingStep() || !in_array($d->status, [Status::RUNNING, Status::STOPPED, Status::EXPIRED], true)) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
        try {
            $lookup = VmLocator::current()->locate($d);
            if ($lookup->kind === VmLookup::OTHER_CONNECTION) {
                throw ServiceError::fromCode(ErrorCode::VM_OTHER_CONNECTION);
            }
            AuditTrail::addDetails(['vmid' => $d->vmid, 'node' => $lookup->vm?->node ?? $d->node]);
            $act($d, $lookup);
        } catch (ProxmoxError $error) {
            throw DriftProof::proxmoxError($error);
        }
        DriftReport::forgetDeployment($id);
        return DeploymentStore::find($id, $actorId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }

    /** The VM as the cluster lists it, after the locator proved it is the deployment's. */
    private static function owned(VmLookup $lookup): ClusterVm
    {
        $vm = $lookup->isOwned() ? $lookup->vm : null;
        foreach ($vm === null ? [] : ClientFactory::client()->listVms() as $listed) {
            if ($listed->vmid === $vm?->vmid) {
                return $listed;
            }
        }
        throw DriftProof::noDrift(__('Its VM is gone or no longer carries its marker: mark it as gone instead.', 'support-provisioning-portal'));
    }

    /** @param array<string, int|string|null> $fields */
    private static function conditional(DeploymentRecord $d, array $fields): void
    {
        if (!DeploymentStore::updateMatching($d->id, $fields, ['status = %s' => [$d->status->value], "step = ''" => []])) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
    }
}
