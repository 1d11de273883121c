<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\TaskStatus;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * Advances deployments through their background steps (see Steps). Each step is idempotent and
 * records what it started (VMID, task UPID) before moving on, so a retry polls instead of
 * repeating work. A deployment is claimed while worked on, so no two workers run the same step.
 */
final class Worker
{
    /** Steps one call may take while each makes progress: enough for a whole instant provisioning. */
    private const MAX_STEPS_PER_CALL = 8;
    private const CLONE_ATTEMPTS = 5;
    /** Task polls in a row that may get no answer before the step fails (about ten ticks). */
    private const UNREACHABLE_POLLS = 10;

    public static function advance(int $id): void
    {
        if (!DeploymentStore::claim($id)) {
            return;
        }
        try {
            $deployment = DeploymentStore::find($id);
            for ($i = 0; $i < self::MAX_STEPS_PER_CALL && $deployment?->hasPendingStep(); $i++) {
                self::step($deployment, ClientFactory::client());
                $before = $deployment;
                $deployment = DeploymentStore::find($id);
                // Waiting on a task, or retrying later: nothing more to do in this call.
                if ($deployment === null || ($deployment->status === $before->status && $deployment->step === $before->step)) {
                    return;
                }
            }
        } finally {
            DeploymentStore::release($id);
        }
    }

    /** Runs the deployment's current step; the bool results only chain steps within one match arm. */
    private static function step(DeploymentRecord $d, ProxmoxClient $proxmox): bool
    {
        try {
            $failProvisioning = static fn (string $reason) => self::failProvisioning($d, $reason);
            $failDeletion = static fn (string $reason) => self::failDeletion($d, $reason);
            $retry = static fn (string $step) => static fn (string $reason) => self::retryLater($d, $step, $reason);
            return match ($d->step) {
                Steps::CLONE => self::cloneVm($d, $proxmox),
                Steps::CLONE_WAIT => self::await($d, $proxmox, $failProvisioning)
                    && self::next($d, Steps::CONFIGURE),
                Steps::CONFIGURE => self::configure($d, $proxmox),
                Steps::START => self::next($d, Steps::START_WAIT, ['task_upid' => $proxmox->start((int) $d->vmid)]),
                Steps::START_WAIT => self::await($d, $proxmox, $failProvisioning)
                    && self::finish($d, Status::RUNNING, 'deployment.provisioned'),
                Steps::CLEANUP => self::cleanup($d, $proxmox),
                Steps::CLEANUP_STOP_WAIT => self::await($d, $proxmox, $retry(Steps::CLEANUP))
                    && self::next($d, Steps::CLEANUP),
                Steps::CLEANUP_WAIT => self::await($d, $proxmox, $retry(Steps::CLEANUP))
                    && self::next($d, Steps::DONE),
                Steps::DELETE => self::deleteVm($d, $proxmox),
                Steps::DELETE_STOP_WAIT => self::await($d, $proxmox, $failDeletion)
                    && self::next($d, Steps::DELETE),
                Steps::DESTROY_WAIT => self::await($d, $proxmox, $failDeletion)
                    && self::finish($d, Status::DELETED, 'deployment.deleted'),
                Steps::EXPIRE_STOP => self::expireStop($d, $proxmox),
                Steps::EXPIRE_STOP_WAIT => self::await($d, $proxmox, $retry(Steps::EXPIRE_STOP))
                    && self::next($d, Steps::EXPIRE_STOP),
                default => self::next($d, Steps::DONE),
            };
        } catch (ProxmoxError $error) {
            self::onError($d, $error->getMessage());
            return false;
        }
    }

    private static function cloneVm(DeploymentRecord $d, ProxmoxClient $proxmox): bool
    {
        for ($attempt = 1; $attempt <= self::CLONE_ATTEMPTS; $attempt++) {
            $vmid = $proxmox->nextVmid();
            try {
                $upid = $proxmox->cloneTemplate($d->templateVmid, $vmid, VmNaming::dnsName($d->id, $d->name));
                return self::next($d, Steps::CLONE_WAIT, ['vmid' => $vmid, 'task_upid' => $upid, 'node' => $proxmox->node()]);
            } catch (ProxmoxError $error) {
                // nextid is only a hint: a parallel clone may have taken the id meanwhile.
                if (!$error->isVmidTaken() || $attempt === self::CLONE_ATTEMPTS) {
                    throw $error;
                }
            }
        }
        return false;
    }

    private static function configure(DeploymentRecord $d, ProxmoxClient $proxmox): bool
    {
        $proxmox->configure((int) $d->vmid, $d->cpuCores, $d->memoryMb, VmNaming::description($d), VmNaming::tags($d));
        if ($d->startAfterCreate) {
            return self::next($d, Steps::START);
        }
        return self::finish($d, Status::STOPPED, 'deployment.provisioned');
    }

    private static function cleanup(DeploymentRecord $d, ProxmoxClient $proxmox): bool
    {
        $state = $d->vmid === null ? null : $proxmox->vmStatus($d->vmid);
        if ($state === null) {
            return self::next($d, Steps::DONE);
        }
        if ($state === 'running') {
            return self::next($d, Steps::CLEANUP_STOP_WAIT, ['task_upid' => $proxmox->stop((int) $d->vmid)]);
        }
        return self::next($d, Steps::CLEANUP_WAIT, ['task_upid' => $proxmox->destroy((int) $d->vmid)]);
    }

    private static function deleteVm(DeploymentRecord $d, ProxmoxClient $proxmox): bool
    {
        $state = $d->vmid === null ? null : $proxmox->vmStatus($d->vmid);
        if ($state === null) {
            return self::finish($d, Status::DELETED, 'deployment.deleted');
        }
        $proxmox->setProtection((int) $d->vmid, false);
        if ($state === 'running') {
            return self::next($d, Steps::DELETE_STOP_WAIT, ['task_upid' => $proxmox->stop((int) $d->vmid)]);
        }
        return self::next($d, Steps::DESTROY_WAIT, ['task_upid' => $proxmox->destroy((int) $d->vmid)]);
    }

    /** Once the VM is stopped and protected (or gone), a problem an earlier try recorded is over. */
    private static function expireStop(DeploymentRecord $d, ProxmoxClient $proxmox): bool
    {
        $state = $d->vmid === null ? null : $proxmox->vmStatus($d->vmid);
        if ($state === null) {
            return self::next($d, Steps::DONE, ['last_error' => '']);
        }
        if ($state === 'running') {
            return self::next($d, Steps::EXPIRE_STOP_WAIT, ['task_upid' => $proxmox->stop((int) $d->vmid), 'ip_addresses' => '[]']);
        }
        $proxmox->setProtection((int) $d->vmid, true);
        return self::next($d, Steps::DONE, ['last_error' => '']);
    }

    /**
     * Polls the recorded task: true once it succeeded; false while it runs or after it failed,
     * in which case $onFailure gets Proxmox's exit status.
     *
     * @param callable(string): void $onFailure
     */
    private static function await(DeploymentRecord $d, ProxmoxClient $proxmox, callable $onFailure): bool
    {
        $task = self::task($d, $proxmox);
        if ($task === null || $task->running) {
            return false;
        }
        if ($task->failed()) {
            $onFailure($task->exitStatus);
            return false;
        }
        return true;
    }

    /** Null while the task's state cannot be known yet: just created, or Proxmox briefly unreachable. */
    private static function task(DeploymentRecord $d, ProxmoxClient $proxmox): ?TaskStatus
    {
        try {
            $status = $proxmox->taskStatus($d->taskUpid);
        } catch (ProxmoxError $error) {
            // Proxmox may not know a task for a moment after creating it.
            if (str_contains($error->getMessage(), 'no such task')) {
                return null;
            }
            // The task runs on even when one poll gets no answer: poll again, up to a point.
            if ($error->isUnreachable() && $d->attempts < self::UNREACHABLE_POLLS) {
                DeploymentStore::updateWhere($d->id, [$d->status], ['attempts' => $d->attempts + 1]);
                return null;
            }
            throw $error;
        }
        if ($d->attempts > 0) {
            DeploymentStore::updateWhere($d->id, [$d->status], ['attempts' => 0]);
        }
        return $status;
    }

    /** @param array<string, int|string|null> $fields */
    private static function next(DeploymentRecord $d, string $step, array $fields = []): bool
    {
        return DeploymentStore::updateWhere($d->id, [$d->status], ['step' => $step] + $fields) && $step !== Steps::DONE;
    }

    private static function finish(DeploymentRecord $d, Status $status, string $auditAction): bool
    {
        $fields = ['step' => Steps::DONE, 'task_upid' => '', 'last_error' => ''];
        if ($status === Status::DELETED) {
            $fields['deleted_at'] = Time::nowDb();
        }
        if (DeploymentStore::transition($d->id, [$d->status], $status, $fields)) {
            AuditTrail::recordSystem($auditAction, $d->id, AuditTrail::SUCCESS, ['vmid' => $d->vmid, 'status' => $status->value]);
        }
        return false;
    }

    private static function onError(DeploymentRecord $d, string $message): void
    {
        match ($d->status) {
            Status::PROVISIONING => self::failProvisioning($d, $message),
            Status::DELETING => self::failDeletion($d, $message),
            default => self::retryLater($d, $d->step, $message),
        };
    }

    /** Provisioning failed: mark FAILED with the reason and remove whatever was cloned. */
    private static function failProvisioning(DeploymentRecord $d, string $reason): void
    {
        $fields = ['step' => $d->vmid === null ? Steps::DONE : Steps::CLEANUP, 'last_error' => $reason, 'task_upid' => ''];
        if (DeploymentStore::transition($d->id, [Status::PROVISIONING], Status::FAILED, $fields)) {
            AuditTrail::recordSystem('deployment.provision_failed', $d->id, AuditTrail::ERROR, ['reason' => $reason, 'vmid' => $d->vmid]);
        }
    }

    private static function failDeletion(DeploymentRecord $d, string $reason): void
    {
        if (DeploymentStore::transition($d->id, [Status::DELETING], Status::FAILED, ['step' => Steps::DONE, 'last_error' => $reason, 'task_upid' => ''])) {
            AuditTrail::recordSystem('deployment.delete_failed', $d->id, AuditTrail::ERROR, ['reason' => $reason, 'vmid' => $d->vmid]);
        }
    }

    /**
     * Clean-up and expiry problems are retried on the next tick. Expiry problems are recorded; a
     * FAILED deployment's lastError keeps saying why it failed (its pending step shows the clean-up).
     */
    private static function retryLater(DeploymentRecord $d, string $step, string $reason): void
    {
        $fields = $d->status === Status::FAILED ? ['step' => $step] : ['step' => $step, 'last_error' => $reason];
        DeploymentStore::updateWhere($d->id, [$d->status], $fields);
    }
}
