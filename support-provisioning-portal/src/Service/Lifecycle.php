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
use SupportProvisioningPortal\Proxmox\IpLookup;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Time;
use SupportProvisioningPortal\Wiring;

/**
 * The user's lifecycle actions on an existing deployment (CONTRACT §4). The plugin builds one
 * with its collaborators (Wiring::lifecycle()); the static methods are its entry points.
 */
final class Lifecycle
{
    private const PROLONG_ATTEMPTS = 3;

    public function __construct(
        private readonly DeploymentTable $rows,
        private readonly DeploymentAccess $access,
        private readonly Quota $quota,
        private readonly LifetimeCaps $caps,
        private readonly ClientResolver $clients,
        private readonly OwnedVm $owned,
        private readonly PowerAction $power,
        private readonly Worker $worker,
        private readonly RightsLookup $rights,
        private readonly AuditContexts $audit,
        private readonly Clock $clock,
    ) {
    }

    public static function start(int $userId, int $id): DeploymentRecord
    {
        return Wiring::lifecycle()->powerFor($userId, $id, Action::START);
    }

    public static function stop(int $userId, int $id): DeploymentRecord
    {
        return Wiring::lifecycle()->powerFor($userId, $id, Action::STOP);
    }

    public static function prolong(int $userId, int $id, int $hours): DeploymentRecord
    {
        return Wiring::lifecycle()->prolongFor($userId, $id, $hours);
    }

    /** @return array{0: DeploymentRecord, 1: string} the deployment and a hint when no address is known */
    public static function refreshIps(int $userId, int $id): array
    {
        return Wiring::lifecycle()->refreshIpsFor($userId, $id);
    }

    public static function delete(int $userId, int $id): DeploymentRecord
    {
        return Wiring::lifecycle()->deleteFor($userId, $id);
    }

    /**
     * New expiry = max(now, old expiry) + hours. The write only lands if nobody changed the
     * expiry meanwhile; a concurrent prolong makes this one start over from the new value.
     */
    public function prolongFor(int $userId, int $id, int $hours): DeploymentRecord
    {
        for ($attempt = 1; $attempt <= self::PROLONG_ATTEMPTS; $attempt++) {
            $d = $this->access->check($userId, $id, Action::PROLONG);
            $expiresAt = $this->prolongedExpiry($d, $hours);
            $this->caps->enforce($userId, LifetimeCap::violation(
                $d->templateMaxLifetimeHours,
                true,
                Time::fromDb($d->createdAt) ?? $this->clock->now(),
                Time::fromDb($expiresAt)
            ));
            $applied = $d->status === Status::EXPIRED
                ? $this->revive($d, $expiresAt)
                : $this->rows->reExpire($id, [Status::STOPPED, Status::RUNNING], $d->expiresAt, $expiresAt);
            if ($applied) {
                $this->audit->current()->addDetails(['hours' => $hours, 'expiresAtBefore' => $d->expiresAt, 'expiresAtAfter' => $expiresAt]);
                return $this->reload($id, $userId);
            }
        }
        throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
    }

    private function prolongedExpiry(DeploymentRecord $d, int $hours): string
    {
        $now = $this->clock->now();
        try {
            return Time::toDb(TtlPolicy::prolong(Time::fromDb($d->expiresAt) ?? $now, $hours, $d->maxTtlHours ?: null, $now));
        } catch (TtlOutOfRange $error) {
            throw Deployments::ttlError($error);
        }
    }

    /** @return array{0: DeploymentRecord, 1: string} the deployment and a hint when no address is known */
    public function refreshIpsFor(int $userId, int $id): array
    {
        $d = $this->access->check($userId, $id, Action::REFRESH_IPS);
        try {
            $vm = $this->owned->prove($d);
            $lookup = $this->clients->client()->ipAddresses($vm->vm);
        } catch (ProxmoxError $error) {
            throw $this->forViewer(new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage()), $d, $userId);
        }
        $this->storeIps($id, $lookup);
        $this->audit->current()->addDetails(['ipAddresses' => $lookup->addresses]);
        return [$this->reload($id, $userId), $lookup->hint];
    }

    public function deleteFor(int $userId, int $id): DeploymentRecord
    {
        $d = $this->access->check($userId, $id, Action::DELETE);
        $fields = ['step' => Steps::DELETE, 'task_upid' => '', 'waiting_since' => null, 'retry_at' => null];
        // Deleting must not bring back RAM an expired or failed deployment had given up: it would
        // push the sums over the limits (docs/decisions/vm-contingent.md).
        $started = $this->rows->transition($id, [Status::EXPIRED, Status::FAILED], Status::DELETING, $fields + ['ram_released' => 1])
            || $this->rows->transition($id, [Status::STOPPED, Status::RUNNING], Status::DELETING, $fields + ['ram_released' => 0]);
        if (!$started) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
        $this->audit->current()->addDetails(['statusBefore' => $d->status->value, 'vmid' => $d->vmid]);
        return $this->reload($id, $userId);
    }

    /**
     * EXPIRED → STOPPED: the deployment holds RAM again, so the owner's quota is checked.
     *
     * @return bool false when another request changed the deployment first
     */
    private function revive(DeploymentRecord $d, string $expiresAt): bool
    {
        $revived = $this->quota->reserve($d->ownerId, $d->memoryMb, fn (): bool => $this->rows->reExpire(
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
            $lookup = VmLocator::of($this->clients)->locate($d);
            if ($lookup->isOwned() && $lookup->facts->protected) {
                $this->clients->client()->setProtection($lookup->vm, false, $lookup->facts->digest);
            }
            $problem = $lookup->reason();
        } catch (ProxmoxError $error) {
            $problem = $error->getMessage();
        }
        if ($problem !== '') {
            $this->rows->updateWhere($d->id, [Status::STOPPED], ['last_error' => $problem]);
        }
        return true;
    }

    /**
     * Start or stop, waiting for the task like Proxmox's own CLI does. The deployment is claimed
     * meanwhile, so no worker step (an expiry's stop) runs at the same time; the status only
     * changes if nothing else changed it, and when the task did not plainly succeed the VM's real
     * state is stored instead.
     */
    public function powerFor(int $userId, int $id, Action $action): DeploymentRecord
    {
        $d = $this->access->check($userId, $id, $action);
        if ($this->access->policyFor($userId, $d)->isNoOp($action)) {
            return $d;
        }
        $claim = $this->rows->claim($id, $this->clock->now()) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        try {
            // What check() saw may have changed before the claim (an expiry and its stop).
            $claimed = $this->rows->find($id, $userId);
            $refusal = $claimed === null ? ErrorCode::DEPLOYMENT_NOT_FOUND : $this->access->policyFor($userId, $claimed)->refusal($action);
            if ($refusal !== null || $claimed->status !== $d->status) {
                throw ServiceError::fromCode($refusal ?? ErrorCode::DEPLOYMENT_BUSY);
            }
            $outcome = $this->power->perform($claimed, $action);
        } catch (ServiceError $error) {
            throw $this->forViewer($error, $d, $userId);
        } finally {
            $this->rows->release($claim);
        }
        if ($outcome !== null) {
            // The status changed under the action (it expired meanwhile): let the worker reconcile now.
            $this->worker->advanceDeployment($id);
            throw ServiceError::fromCode($outcome);
        }
        if ($action === Action::START) {
            $this->storeIps($id, $this->lookupIps($d));
        }
        return $this->reload($id, $userId);
    }

    private function forViewer(ServiceError $error, DeploymentRecord $d, int $userId): ServiceError
    {
        return ProxmoxDetails::forViewer($error, $d, $userId, $this->rights->effective($userId));
    }

    private function lookupIps(DeploymentRecord $d): IpLookup
    {
        try {
            $lookup = VmLocator::of($this->clients)->locate($d);
            return $lookup->isOwned() ? $this->clients->client()->ipAddresses($lookup->vm) : new IpLookup([], $lookup->reason());
        } catch (ProxmoxError $error) {
            return new IpLookup([], $error->getMessage());
        }
    }

    private function storeIps(int $id, IpLookup $lookup): void
    {
        $this->rows->updateWhere($id, [Status::RUNNING, Status::STOPPED], [
            'ip_addresses' => (string) wp_json_encode($lookup->addresses),
            'ip_addresses_updated_at' => Time::toDb($this->clock->now()),
        ]);
    }

    private function reload(int $id, int $userId): DeploymentRecord
    {
        return $this->rows->find($id, $userId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }
}
