<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\LifetimeCap;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TtlOutOfRange;
use SupportProvisioningPortal\Domain\TtlPolicy;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\IpLookup;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * The user's lifecycle actions on an existing deployment (CONTRACT §4).
 */
final class Lifecycle
{
    private const PROLONG_ATTEMPTS = 3;

    public static function start(int $userId, int $id): DeploymentRecord
    {
        return self::power($userId, $id, Action::START);
    }

    public static function stop(int $userId, int $id): DeploymentRecord
    {
        return self::power($userId, $id, Action::STOP);
    }

    /**
     * New expiry = max(now, old expiry) + hours. The write only lands if nobody changed the
     * expiry meanwhile; a concurrent prolong makes this one start over from the new value.
     */
    public static function prolong(int $userId, int $id, int $hours): DeploymentRecord
    {
        for ($attempt = 1; $attempt <= self::PROLONG_ATTEMPTS; $attempt++) {
            $d = DeploymentAccess::authorize($userId, $id, Action::PROLONG);
            $expiresAt = self::prolongedExpiry($d, $hours);
            LifetimeCaps::enforce($userId, LifetimeCap::violation(
                $d->templateMaxLifetimeHours,
                true,
                Time::fromDb($d->createdAt) ?? Time::now(),
                Time::fromDb($expiresAt)
            ));
            $applied = $d->status === Status::EXPIRED
                ? self::revive($d, $expiresAt)
                : DeploymentStore::reExpire($id, [Status::STOPPED, Status::RUNNING], $d->expiresAt, $expiresAt);
            if ($applied) {
                AuditTrail::addDetails(['hours' => $hours, 'expiresAtBefore' => $d->expiresAt, 'expiresAtAfter' => $expiresAt]);
                return self::reload($id, $userId);
            }
        }
        throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
    }

    private static function prolongedExpiry(DeploymentRecord $d, int $hours): string
    {
        try {
            return Time::toDb(TtlPolicy::prolong(
                Time::fromDb($d->expiresAt) ?? Time::now(),
                $hours,
                $d->maxTtlHours ?: null,
                Time::now()
            ));
        } catch (TtlOutOfRange $error) {
            throw Deployments::ttlError($error);
        }
    }

    /** @return array{0: DeploymentRecord, 1: string} the deployment and a hint when no address is known */
    public static function refreshIps(int $userId, int $id): array
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::REFRESH_IPS);
        try {
            $vm = OwnedVm::require($d);
            $lookup = ClientFactory::client()->ipAddresses($vm->vm);
        } catch (ProxmoxError $error) {
            throw ProxmoxDetails::forViewer(self::proxmoxError($error), $d, $userId);
        }
        self::storeIps($id, $lookup);
        AuditTrail::addDetails(['ipAddresses' => $lookup->addresses]);
        return [self::reload($id, $userId), $lookup->hint];
    }

    public static function delete(int $userId, int $id): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::DELETE);
        $fields = ['step' => Steps::DELETE, 'task_upid' => '', 'waiting_since' => null, 'retry_at' => null];
        // Deleting must not bring back RAM an expired or failed deployment had given up: it would
        // push the sums over the limits (docs/decisions/vm-contingent.md).
        $started = DeploymentStore::transition($id, [Status::EXPIRED, Status::FAILED], Status::DELETING, $fields + ['ram_released' => 1])
            || DeploymentStore::transition($id, [Status::STOPPED, Status::RUNNING], Status::DELETING, $fields + ['ram_released' => 0]);
        if (!$started) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
        AuditTrail::addDetails(['statusBefore' => $d->status->value, 'vmid' => $d->vmid]);
        return self::reload($id, $userId);
    }

    /**
     * EXPIRED → STOPPED: the deployment holds RAM again, so the owner's quota is checked.
     *
     * @return bool false when another request changed the deployment first
     */
    private static function revive(DeploymentRecord $d, string $expiresAt): bool
    {
        $revived = Quota::allocate($d->ownerId, $d->memoryMb, static fn (): bool => DeploymentStore::reExpire(
            $d->id,
            [Status::EXPIRED],
            $d->expiresAt,
            $expiresAt,
            ['status' => Status::STOPPED->value, 'step' => Steps::DONE, 'task_upid' => '', 'last_error' => '']
        ));
        if ($revived instanceof QuotaViolation) {
            throw Deployments::quotaError($revived);
        }
        if (!$revived) {
            return false;
        }
        try {
            $lookup = VmLocator::current()->locate($d);
            if ($lookup->isOwned() && $lookup->facts->protected) {
                ClientFactory::client()->setProtection($lookup->vm, false, $lookup->facts->digest);
            }
            $problem = $lookup->reason();
        } catch (ProxmoxError $error) {
            $problem = $error->getMessage();
        }
        if ($problem !== '') {
            DeploymentStore::updateWhere($d->id, [Status::STOPPED], ['last_error' => $problem]);
        }
        return true;
    }

    /**
     * Start or stop, waiting for the task like Proxmox's own CLI does. The deployment is claimed
     * meanwhile, so no worker step (an expiry's stop) runs at the same time; the status only
     * changes if nothing else changed it, and when the task did not plainly succeed the VM's real
     * state is stored instead.
     */
    private static function power(int $userId, int $id, Action $action): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, $action);
        if (DeploymentAccess::policy($userId, $d)->isNoOp($action)) {
            return $d;
        }
        $claim = DeploymentStore::claim($id) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        try {
            // What authorize() saw may have changed before the claim (an expiry and its stop).
            $claimed = DeploymentStore::find($id, $userId);
            $refusal = $claimed === null ? ErrorCode::DEPLOYMENT_NOT_FOUND : DeploymentAccess::policy($userId, $claimed)->refusal($action);
            if ($refusal !== null || $claimed->status !== $d->status) {
                throw ServiceError::fromCode($refusal ?? ErrorCode::DEPLOYMENT_BUSY);
            }
            $outcome = PowerAction::run($claimed, $action);
        } catch (ServiceError $error) {
            throw ProxmoxDetails::forViewer($error, $d, $userId);
        } finally {
            DeploymentStore::release($claim);
        }
        if ($outcome !== null) {
            // The status changed under the action (it expired meanwhile): let the worker reconcile now.
            Worker::advance($id);
            throw ServiceError::fromCode($outcome);
        }
        if ($action === Action::START) {
            self::storeIps($id, self::lookupIps($d));
        }
        return self::reload($id, $userId);
    }

    public static function proxmoxError(ProxmoxError $error, ?int $deploymentId = null): ServiceError
    {
        if ($deploymentId !== null) {
            DeploymentStore::updateWhere($deploymentId, [Status::STOPPED, Status::RUNNING], ['last_error' => $error->getMessage()]);
        }
        return new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage());
    }

    private static function lookupIps(DeploymentRecord $d): IpLookup
    {
        try {
            $lookup = VmLocator::current()->locate($d);
            return $lookup->isOwned() ? ClientFactory::client()->ipAddresses($lookup->vm) : new IpLookup([], $lookup->reason());
        } catch (ProxmoxError $error) {
            return new IpLookup([], $error->getMessage());
        }
    }

    private static function storeIps(int $id, IpLookup $lookup): void
    {
        DeploymentStore::updateWhere($id, [Status::RUNNING, Status::STOPPED], [
            'ip_addresses' => (string) wp_json_encode($lookup->addresses),
            'ip_addresses_updated_at' => Time::nowDb(),
        ]);
    }

    private static function reload(int $id, int $userId): DeploymentRecord
    {
        return DeploymentStore::find($id, $userId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }
}
