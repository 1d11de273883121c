<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TtlOutOfRange;
use SupportProvisioningPortal\Domain\TtlPolicy;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\IpLookup;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\TaskWaiter;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * The user's lifecycle actions on an existing deployment (CONTRACT §4).
 */
final class Lifecycle
{
    private const POWER_TIMEOUT_SECONDS = 20;
    private const PROLONG_ATTEMPTS = 3;

    public static function start(int $userId, int $id): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::START);
        if (DeploymentAccess::policy($userId, $d)->isNoOp(Action::START)) {
            return $d;
        }
        self::power($d, static fn () => ClientFactory::client()->start((int) $d->vmid), 'start');
        DeploymentStore::transition($id, [Status::STOPPED], Status::RUNNING, ['last_error' => '']);
        self::storeIps($id, self::lookupIps((int) $d->vmid));
        return self::reload($id, $userId);
    }

    public static function stop(int $userId, int $id): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::STOP);
        if (DeploymentAccess::policy($userId, $d)->isNoOp(Action::STOP)) {
            return $d;
        }
        self::power($d, static fn () => ClientFactory::client()->stop((int) $d->vmid), 'stop');
        DeploymentStore::transition($id, [Status::RUNNING], Status::STOPPED, ['last_error' => '', 'ip_addresses' => '[]']);
        return self::reload($id, $userId);
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
            $lookup = ClientFactory::client()->ipAddresses((int) $d->vmid);
        } catch (ProxmoxError $error) {
            throw self::proxmoxError($error);
        }
        self::storeIps($id, $lookup);
        AuditTrail::addDetails(['ipAddresses' => $lookup->addresses]);
        return [self::reload($id, $userId), $lookup->hint];
    }

    public static function delete(int $userId, int $id): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::DELETE);
        $fields = ['step' => Steps::DELETE, 'task_upid' => ''];
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
        if ($d->vmid !== null) {
            try {
                ClientFactory::client()->setProtection($d->vmid, false);
            } catch (ProxmoxError $error) {
                DeploymentStore::updateWhere($d->id, [Status::STOPPED], ['last_error' => $error->getMessage()]);
            }
        }
        return true;
    }

    /** @param callable(): string $startTask returns the task's UPID */
    private static function power(DeploymentRecord $d, callable $startTask, string $verb): void
    {
        try {
            $status = TaskWaiter::wait(ClientFactory::client(), $startTask(), self::POWER_TIMEOUT_SECONDS);
        } catch (ProxmoxError $error) {
            throw self::proxmoxError($error, $d->id);
        }
        if ($status->running) {
            throw self::proxmoxError(new ProxmoxError(sprintf('Proxmox did not finish the %s task within %d seconds.', $verb, self::POWER_TIMEOUT_SECONDS)), $d->id);
        }
        if ($status->failed()) {
            throw self::proxmoxError(new ProxmoxError($status->exitStatus), $d->id);
        }
    }

    private static function proxmoxError(ProxmoxError $error, ?int $deploymentId = null): ServiceError
    {
        if ($deploymentId !== null) {
            DeploymentStore::updateWhere($deploymentId, [Status::STOPPED, Status::RUNNING], ['last_error' => $error->getMessage()]);
        }
        return new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage());
    }

    private static function lookupIps(int $vmid): IpLookup
    {
        try {
            return ClientFactory::client()->ipAddresses($vmid);
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
