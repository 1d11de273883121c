<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\ProxmoxMessages;
use SupportProvisioningPortal\Proxmox\TaskStatus;
use SupportProvisioningPortal\Proxmox\VmRef;
use SupportProvisioningPortal\Store\Claim;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentRows;
use SupportProvisioningPortal\Store\Locks;
use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Time;
use SupportProvisioningPortal\Wiring;

/**
 * Advances deployments through their background steps (see Steps). Each step is idempotent and
 * records what it started (VMID, task UPID) before moving on, so a retry polls instead of
 * repeating work. A deployment is claimed while worked on; every change is conditional on the
 * claim and on the status and step the worker read, so a worker that lost its claim changes
 * nothing. No VM receives a call that changes it unless VmLocator proved it is the deployment's.
 *
 * The plugin builds one Worker with its collaborators (Wiring::worker()); advanceDeployment()
 * works on a copy that also holds the claim and the client of that one deployment.
 */
final class Worker
{
    /** Steps one call may take while each makes progress: enough for a whole instant provisioning. */
    private const MAX_STEPS_PER_CALL = 8;
    /** Clones that may lose the race for their VMID before the provisioning fails. */
    private const CLONE_ATTEMPTS = 5;
    /** Task polls in a row that may get no answer before the step fails (about ten ticks). */
    private const UNREACHABLE_POLLS = 10;
    /** A clone whose answer was lost: looks for its VM this often, and at least this long, before failing. */
    private const ADOPT_POLLS = 3;
    private const ADOPT_GRACE_SECONDS = 2;
    /** How long a worker waits for the site's other workers' nextid + clone POST. */
    private const CLONE_LOCK_SECONDS = 10;

    /** Set on the copy that works on one claimed deployment (claimed()). */
    private ProxmoxClient $proxmox;
    private Claim $claim;
    private ?VmLocator $locator = null;
    /** Set once a step waits for a lock: the call ends, the retry belongs to a tick after retry_at. */
    private bool $waiting = false;

    public function __construct(
        private readonly DeploymentRows $store,
        private readonly ClientResolver $clients,
        private readonly AuditLog $audit,
        private readonly Locks $locks,
        private readonly Clock $clock,
        private readonly ClonePlacer $placement,
        private readonly WorkerSettings $settings,
    ) {
    }

    /** The plugin's worker advances deployment $id (call sites stay one line). */
    public static function advance(int $id): void
    {
        Wiring::worker()->advanceDeployment($id);
    }

    /** Claims the deployment and takes its pending steps while each makes progress, then releases it. */
    public function advanceDeployment(int $id): void
    {
        $claim = $this->store->claim($id, $this->clock->now());
        if ($claim === null) {
            return;
        }
        try {
            $worker = $this->claimed($claim);
            $deployment = $this->store->find($id);
            for ($i = 0; $i < self::MAX_STEPS_PER_CALL && $deployment?->hasPendingStep(); $i++) {
                $worker->step($deployment);
                $before = $deployment;
                $deployment = $this->store->find($id);
                // Waiting on a task or a lock, or retrying later: nothing more to do in this call.
                if ($deployment === null || $worker->waiting || ($deployment->status === $before->status && $deployment->step === $before->step)) {
                    return;
                }
            }
        } finally {
            $this->store->release($claim);
        }
    }

    private function claimed(Claim $claim): self
    {
        $worker = clone $this;
        $worker->claim = $claim;
        $worker->proxmox = $this->clients->client();
        $worker->locator = null;
        return $worker;
    }

    /** Runs the deployment's current step; the bool results only chain steps within one match arm. */
    private function step(DeploymentRecord $d): bool
    {
        try {
            $failProvisioning = fn (string $reason) => $this->failProvisioning($d, $reason);
            $failDeletion = fn (string $reason) => $this->failDeletion($d, $reason);
            $retry = fn (string $step) => fn (string $reason) => $this->retryLater($d, $step, $reason);
            return match ($d->step) {
                Steps::CLONE => $this->cloneVm($d),
                Steps::CLONE_ADOPT => $this->adopt($d),
                Steps::CLONE_WAIT => $this->awaitClone($d),
                Steps::CONFIGURE => $this->configure($d),
                Steps::START => $this->startVm($d),
                // A baseline problem recorded before the start stays visible.
                Steps::START_WAIT => $this->await($d, Steps::START, $failProvisioning)
                    && $this->finish($d, Status::RUNNING, 'deployment.provisioned', ['last_error' => $d->lastError]),
                Steps::BASELINE => $this->takeBaseline($d),
                Steps::BASELINE_WAIT => $this->awaitBaseline($d),
                Steps::SNAPSHOT => $this->snapshotCall($d),
                Steps::SNAPSHOT_WAIT => $this->await($d, Steps::SNAPSHOT, fn (string $reason) => $this->snapshotFailed($d, $reason))
                    && $this->snapshotDone($d),
                Steps::CLEANUP => $this->removeVm($d, Steps::CLEANUP_STOP_WAIT, Steps::CLEANUP_WAIT),
                Steps::CLEANUP_STOP_WAIT => $this->await($d, Steps::CLEANUP, $retry(Steps::CLEANUP))
                    && $this->next($d, Steps::CLEANUP),
                Steps::CLEANUP_WAIT => $this->await($d, Steps::CLEANUP, $retry(Steps::CLEANUP))
                    && $this->next($d, Steps::DONE),
                Steps::DELETE => $this->removeVm($d, Steps::DELETE_STOP_WAIT, Steps::DESTROY_WAIT),
                Steps::DELETE_STOP_WAIT => $this->await($d, Steps::DELETE, $failDeletion)
                    && $this->next($d, Steps::DELETE),
                Steps::DESTROY_WAIT => $this->await($d, Steps::DELETE, $failDeletion)
                    && $this->finish($d, Status::DELETED, 'deployment.deleted'),
                Steps::EXPIRE_STOP => $this->expireStop($d),
                Steps::EXPIRE_STOP_WAIT => $this->await($d, Steps::EXPIRE_STOP, $retry(Steps::EXPIRE_STOP))
                    && $this->next($d, Steps::EXPIRE_STOP),
                default => $this->next($d, Steps::DONE),
            };
        } catch (ProxmoxError $error) {
            $this->onError($d, $error->getMessage());
            return false;
        }
    }

    /**
     * Chooses a VMID, records it, then sends the clone. The site's workers take turns for nextid +
     * POST, which makes collisions rare; other tools on the cluster still collide, and the clone
     * task's outcome decides (awaitClone()).
     */
    private function cloneVm(DeploymentRecord $d): bool
    {
        if ($d->vmid !== null) {
            // An earlier try recorded this VMID (at updatedAt) and may have sent the clone: find out first.
            return $this->next($d, Steps::CLONE_ADOPT, ['attempts' => 0, 'waiting_since' => $d->updatedAt]);
        }
        $connection = $this->locator()->connection();
        $avoid = [];
        $lock = $this->locks->acquire('proxmox-clone', self::CLONE_LOCK_SECONDS);
        try {
            for ($attempt = $d->cloneAttempts + 1; $attempt <= self::CLONE_ATTEMPTS; $attempt++) {
                $where = $this->placed($d, $connection, $avoid);
                if ($where === null) {
                    return false;
                }
                $vmid = $this->proxmox->nextVmid();
                $chosen = ['vmid' => $vmid, 'vm_connection' => $connection, 'clone_attempts' => $attempt] + $where['fields'];
                if (!$this->update($d, $chosen)) {
                    return false;
                }
                $d = $this->store->find($d->id) ?? $d;
                $sentAt = Time::toDb($this->clock->now());
                try {
                    $upid = $this->proxmox->cloneTemplate($where['source'], $vmid, VmNaming::vmName($d), VmNaming::description($d));
                } catch (ProxmoxError $error) {
                    if ($error->isUnreachable()) {
                        // Proxmox may have made the VM and lost only the answer: look for it before failing.
                        return $this->next($d, Steps::CLONE_ADOPT, ['attempts' => 0, 'last_error' => $error->getMessage(), 'waiting_since' => $sentAt]);
                    }
                    // The POST was refused, so VMID $vmid is not this deployment's; a locked template uses up no try.
                    $locked = ProxmoxMessages::lockName($error->getMessage()) !== null;
                    $this->update($d, ['vmid' => null] + ($locked ? ['clone_attempts' => $attempt - 1] : []));
                    if ($error->isNodeUnreachable()) {
                        // The node went down since it was chosen: choose again without it.
                        $avoid[] = $where['source']->node;
                        continue;
                    }
                    if (!ProxmoxMessages::isVmidTaken($error->getMessage()) && !$error->isVmidTaken()) {
                        throw $error;
                    }
                    continue;
                }
                return $this->next($d, Steps::CLONE_WAIT, ['task_upid' => $upid] + self::templateWaitGoesOn($d));
            }
        } finally {
            $lock?->release();
        }
        $this->failProvisioning($d, sprintf('Every VMID Proxmox offered was taken by another clone (%d tries).', self::CLONE_ATTEMPTS), false);
        return false;
    }

    /**
     * A clone sent while waiting for the template's lock keeps the wait's start: its task can still
     * find the template locked (awaitClone()), and only a clone that got past the lock ends the wait.
     *
     * @return array<string, string|null>
     */
    private static function templateWaitGoesOn(DeploymentRecord $d): array
    {
        return $d->waitingSince === null ? [] : ['waiting_since' => $d->waitingSince, 'retry_at' => null];
    }

    /**
     * Where this clone goes (ClonePlacement); no room left anywhere fails the provisioning.
     *
     * @param list<string> $avoid
     * @return ?array{source: \SupportProvisioningPortal\Proxmox\CloneSource, fields: array<string, string>}
     */
    private function placed(DeploymentRecord $d, string $connection, array $avoid): ?array
    {
        try {
            return $this->placement->confirm($this->proxmox, $d, $connection, $avoid);
        } catch (ServiceError $refused) {
            $this->failProvisioning($d, $refused->getMessage(), false);
            return null;
        }
    }

    /**
     * The clone task's outcome. Losing the VMID to another clone is Proxmox's normal race: the VM
     * that exists under that id is the winner's, so it is left alone and a fresh VMID is tried.
     * The task checks the template's lock again under its config lock (qemu-server clone_vm runs
     * `$load_and_check` in the POST and in the task): `VM is locked (<lock>)` is the template's,
     * since the new VMID's config is only written after that check. It waits like a refused POST,
     * without using up a try, and the wait's start stays.
     */
    private function awaitClone(DeploymentRecord $d): bool
    {
        $task = $this->task($d);
        if ($task === null || $task->running) {
            return false;
        }
        if ($task->succeeded()) {
            return $this->next($d, Steps::CONFIGURE);
        }
        if (ProxmoxMessages::isVmidTaken($task->exitStatus)) {
            return $this->cloneAgain($d, $task->exitStatus);
        }
        if (ProxmoxMessages::lockName($task->exitStatus) !== null) {
            $this->waitForLock($d, Steps::CLONE, $task->exitStatus, ['vmid' => null, 'clone_attempts' => max(0, $d->cloneAttempts - 1)]);
            return false;
        }
        // A failed clone task removes what it wrote; the clean-up still proves ownership first.
        $this->failProvisioning($d, $task->exitStatus);
        return false;
    }

    /**
     * After a clone POST whose outcome is unknown: the VM under the recorded VMID is adopted once
     * it carries this deployment's marker and the clone's lock is gone; someone else's VM there
     * means the clone is retried with a fresh VMID. No VM at all, a few polls and seconds after
     * the POST (its task writes the config right after it answers), means no clone was made: a
     * lost answer fails with its error; a worker that died around the POST clones again.
     */
    private function adopt(DeploymentRecord $d): bool
    {
        $lookup = $this->locator()->locate($d);
        $cloning = $lookup->facts?->lock === 'clone';
        if ($lookup->isOwned()) {
            return !$cloning && $this->next($d, Steps::CONFIGURE, ['last_error' => '', 'attempts' => 0] + VmLocator::whereabouts($d, $lookup));
        }
        if ($lookup->kind === VmLookup::NOT_OWNED) {
            return !self::isClonePlaceholder($lookup) && $this->cloneAgain($d, $lookup->reason());
        }
        $now = $this->clock->now();
        $since = Time::fromDb($d->waitingSince) ?? $now;
        if ($d->attempts + 1 < self::ADOPT_POLLS || $now->getTimestamp() - $since->getTimestamp() < self::ADOPT_GRACE_SECONDS) {
            $this->update($d, ['attempts' => $d->attempts + 1]);
            return false;
        }
        if ($d->lastError === '') {
            return $this->cloneAgain($d, $lookup->reason());
        }
        $this->failProvisioning($d, $d->lastError, false);
        return false;
    }

    /** The VMID turned out to be someone else's: forget it and clone again, a bounded number of times. */
    private function cloneAgain(DeploymentRecord $d, string $reason): bool
    {
        if ($d->cloneAttempts >= self::CLONE_ATTEMPTS) {
            $this->failProvisioning($d, $reason, false);
            return false;
        }
        return $this->next($d, Steps::CLONE, ['vmid' => null, 'task_upid' => '', 'attempts' => 0]);
    }

    private function configure(DeploymentRecord $d): bool
    {
        $lookup = $this->owned($d);
        if ($lookup === null) {
            return false;
        }
        $this->proxmox->configure(
            $lookup->vm,
            $d->cpuCores,
            $d->memoryMb,
            VmNaming::description($d),
            VmNaming::tags($d),
            $lookup->facts->digest
        );
        if ($d->templateBaselineSnapshot) {
            return $this->next($d, Steps::BASELINE, VmLocator::whereabouts($d, $lookup));
        }
        return $this->afterBaseline($d, VmLocator::whereabouts($d, $lookup));
    }

    /** @param array<string, int|string|null> $fields */
    private function afterBaseline(DeploymentRecord $d, array $fields = []): bool
    {
        if ($d->startAfterCreate) {
            return $this->next($d, Steps::START, $fields + ['task_upid' => '']);
        }
        return $this->finish($d, Status::STOPPED, 'deployment.provisioned', $fields);
    }

    /**
     * The clean state "reset to clean" returns to, taken of the stopped, configured VM. A VM whose
     * storage cannot snapshot is still provisioned; lastError says why it cannot be reset.
     */
    private function takeBaseline(DeploymentRecord $d): bool
    {
        $lookup = $this->owned($d);
        if ($lookup === null) {
            return false;
        }
        try {
            $upid = $this->proxmox->createSnapshot($lookup->vm, SnapshotJob::BASELINE, __('Clean state after provisioning', 'support-provisioning-portal'), false);
        } catch (ProxmoxError $error) {
            if (ProxmoxMessages::lockName($error->getMessage()) !== null) {
                throw $error;
            }
            return $this->baselineEnded($d, $error->getMessage());
        }
        return $this->next($d, Steps::BASELINE_WAIT, ['task_upid' => $upid]);
    }

    private function awaitBaseline(DeploymentRecord $d): bool
    {
        $task = $this->task($d);
        if ($task === null || $task->running) {
            return false;
        }
        if ($task->failed() && ProxmoxMessages::lockName($task->exitStatus) !== null) {
            $this->waitForLock($d, Steps::BASELINE, $task->exitStatus);
            return false;
        }
        return $this->baselineEnded($d, $task->failed() ? $task->exitStatus : '');
    }

    /** The baseline's outcome is told by the deployment.provisioned row (finish()) and, when it failed, by lastError. */
    private function baselineEnded(DeploymentRecord $d, string $problem): bool
    {
        if ($problem === '') {
            return $this->afterBaseline($d, ['task_upid' => '']);
        }
        $reason = sprintf(
            /* translators: %s: why Proxmox took no snapshot */
            __('No baseline snapshot was taken, so this deployment cannot be reset to clean: %s', 'support-provisioning-portal'),
            ProxmoxMessages::snapshotProblem($problem)
        );
        return $this->afterBaseline($d, ['task_upid' => '', 'last_error' => $reason]);
    }

    /**
     * A user's take, rollback or delete (snapshot_job), sent once the VM is proven the deployment's.
     * A take checks the name and the limit again here: only one snapshot step runs per deployment,
     * so the count cannot change between this check and the call.
     */
    private function snapshotCall(DeploymentRecord $d): bool
    {
        $job = $d->snapshotJob;
        $lookup = $this->locator()->locate($d);
        if ($job === null || !$lookup->isOwned() || $lookup->vm === null) {
            $this->recordUntouched($d, $lookup);
            $this->snapshotFailed($d, $lookup->reason() ?: __('This deployment has no VM.', 'support-provisioning-portal'));
            return false;
        }
        if ($job->kind === SnapshotJob::TAKE) {
            $refusal = Snapshots::takeRefusal($this->proxmox->snapshots($lookup->vm), $job->name, $this->settings->snapshotLimit());
            if ($refusal !== null) {
                $this->snapshotFailed($d, ServiceError::fromCode($refusal)->getMessage());
                return false;
            }
        }
        $upid = match ($job->kind) {
            SnapshotJob::TAKE => $this->proxmox->createSnapshot($lookup->vm, $job->name, $job->description, $job->vmstate),
            SnapshotJob::ROLLBACK => $this->proxmox->rollbackSnapshot($lookup->vm, $job->name, $job->start),
            default => $this->proxmox->deleteSnapshot($lookup->vm, $job->name),
        };
        return $this->next($d, Steps::SNAPSHOT_WAIT, ['task_upid' => $upid] + VmLocator::whereabouts($d, $lookup));
    }

    /** A rollback leaves the VM as the snapshot was (and started when asked): the status follows the VM. */
    private function snapshotDone(DeploymentRecord $d): bool
    {
        $job = $d->snapshotJob;
        $fields = ['step' => Steps::DONE, 'snapshot_job' => null, 'task_upid' => '', 'last_error' => ''] + $this->stateAfter($d);
        if ($this->update($d, $fields) && $job !== null) {
            $action = ['take' => 'deployment.snapshot_taken', 'rollback' => 'deployment.rolled_back', 'delete' => 'deployment.snapshot_deleted'][$job->kind];
            $this->audit->recordSystem($action, $d->id, AuditTrail::SUCCESS, ['kind' => $job->kind, 'name' => $job->name, 'vmid' => $d->vmid]);
        }
        return false;
    }

    /** Ends the snapshot work with the reason; a failed rollback may have stopped the VM, so its state is read. */
    private function snapshotFailed(DeploymentRecord $d, string $reason): void
    {
        $reason = ProxmoxMessages::snapshotProblem($reason);
        $job = $d->snapshotJob;
        $fields = ['step' => Steps::DONE, 'snapshot_job' => null, 'task_upid' => '', 'last_error' => $reason, 'waiting_since' => null, 'retry_at' => null];
        if ($this->update($d, $fields + $this->stateAfter($d))) {
            $this->audit->recordSystem('deployment.snapshot_failed', $d->id, AuditTrail::ERROR, ['kind' => $job?->kind, 'name' => $job?->name, 'vmid' => $d->vmid, 'reason' => $reason]);
        }
    }

    /** @return array<string, string> the status the VM's state after a rollback gives the deployment */
    private function stateAfter(DeploymentRecord $d): array
    {
        if ($d->snapshotJob?->kind !== SnapshotJob::ROLLBACK || $d->vmid === null) {
            return [];
        }
        try {
            $state = $this->proxmox->vmStatus(new VmRef($d->connection, $d->node ?: $this->proxmox->node(), $d->vmid));
        } catch (ProxmoxError) {
            return [];
        }
        return $state === 'running'
            ? ['status' => Status::RUNNING->value]
            : ['status' => Status::STOPPED->value, 'ip_addresses' => '[]'];
    }

    private function startVm(DeploymentRecord $d): bool
    {
        $lookup = $this->owned($d);
        return $lookup !== null
            && $this->next($d, Steps::START_WAIT, ['task_upid' => $this->proxmox->start($lookup->vm)] + VmLocator::whereabouts($d, $lookup));
    }

    /**
     * Provisioning steps after the clone: the VM must be the deployment's, else the provisioning
     * fails without touching it.
     */
    private function owned(DeploymentRecord $d): ?VmLookup
    {
        $lookup = $this->locator()->locate($d);
        if ($lookup->isOwned() && $lookup->vm !== null && $lookup->facts !== null) {
            return $lookup;
        }
        $this->failProvisioning($d, $lookup->reason(), false);
        return null;
    }

    /**
     * Clean-up after a failed provisioning, and deletion: lift the protection a clone inherits
     * from its template, stop, destroy. A VM that is not provably the deployment's is left
     * untouched; a deletion then ends with the reason, a clean-up just ends.
     */
    private function removeVm(DeploymentRecord $d, string $stopWaitStep, string $destroyWaitStep): bool
    {
        $lookup = $this->locator()->locate($d);
        if (self::isClonePlaceholder($lookup)) {
            // A clone task still runs: its config gets the name (and the marker) when it is done.
            $this->waitForLock($d, $d->step, 'VM is locked (clone)');
            return false;
        }
        $state = $lookup->isOwned() ? $this->proxmox->vmStatus($lookup->vm) : null;
        if ($state === null) {
            $untouched = $lookup->isOwned() ? VmLookup::gone($lookup->vm)->reason() : $lookup->reason();
            $this->recordUntouched($d, $lookup);
            return $d->status === Status::DELETING
                ? $this->finish($d, Status::DELETED, 'deployment.deleted', ['last_error' => $untouched])
                : $this->next($d, Steps::DONE);
        }
        $whereabouts = VmLocator::whereabouts($d, $lookup);
        if ($lookup->facts->protected) {
            $this->proxmox->setProtection($lookup->vm, false, $lookup->facts->digest);
        }
        if ($state === 'running') {
            return $this->next($d, $stopWaitStep, ['task_upid' => $this->proxmox->stop($lookup->vm)] + $whereabouts);
        }
        return $this->next($d, $destroyWaitStep, ['task_upid' => $this->proxmox->destroy($lookup->vm)] + $whereabouts);
    }

    /** Stops and protects an expired VM; one that is gone or not the deployment's is left alone, with the reason. */
    private function expireStop(DeploymentRecord $d): bool
    {
        $lookup = $this->locator()->locate($d);
        $state = $lookup->isOwned() ? $this->proxmox->vmStatus($lookup->vm) : null;
        if ($state === null) {
            $this->recordUntouched($d, $lookup);
            $reason = $lookup->isOwned() ? VmLookup::gone($lookup->vm)->reason() : $lookup->reason();
            return $this->next($d, Steps::DONE, ['last_error' => $reason, 'ip_addresses' => '[]']);
        }
        $whereabouts = VmLocator::whereabouts($d, $lookup);
        if ($state === 'running') {
            return $this->next($d, Steps::EXPIRE_STOP_WAIT, ['task_upid' => $this->proxmox->stop($lookup->vm), 'ip_addresses' => '[]'] + $whereabouts);
        }
        if (!$lookup->facts->protected) {
            $this->proxmox->setProtection($lookup->vm, true, $lookup->facts->digest);
        }
        // Once the VM is stopped and protected, a problem an earlier try recorded is over.
        return $this->next($d, Steps::DONE, ['last_error' => ''] + $whereabouts);
    }

    /** The config a clone task writes first has its lock and no name yet: it may still become the deployment's. */
    private static function isClonePlaceholder(VmLookup $lookup): bool
    {
        return $lookup->kind === VmLookup::NOT_OWNED && $lookup->facts?->lock === 'clone' && $lookup->facts->name === '';
    }

    private function recordUntouched(DeploymentRecord $d, VmLookup $lookup): void
    {
        if (in_array($lookup->kind, [VmLookup::NOT_OWNED, VmLookup::OTHER_CONNECTION], true)) {
            $this->audit->recordSystem('deployment.vm_not_owned', $d->id, AuditTrail::ERROR, [
                'vmid' => $d->vmid,
                'node' => $lookup->vm?->node,
                'step' => $d->step,
                'reason' => $lookup->reason(),
            ]);
        }
    }

    /**
     * Polls the recorded task: true once it succeeded; false while it runs or after it failed. A
     * task that failed on a lock retries $retryStep later; any other failure goes to $onFailure
     * with Proxmox's exit status.
     *
     * @param callable(string): void $onFailure
     */
    private function await(DeploymentRecord $d, string $retryStep, callable $onFailure): bool
    {
        $task = $this->task($d);
        if ($task === null || $task->running) {
            return false;
        }
        if ($task->failed()) {
            if (ProxmoxMessages::lockName($task->exitStatus) !== null) {
                $this->waitForLock($d, $retryStep, $task->exitStatus);
            } else {
                $onFailure($task->exitStatus);
            }
            return false;
        }
        return true;
    }

    /** Null while the task's state cannot be known yet: just created, or Proxmox briefly unreachable. */
    private function task(DeploymentRecord $d): ?TaskStatus
    {
        try {
            $status = $this->proxmox->taskStatus($d->taskUpid);
        } catch (ProxmoxError $error) {
            // Proxmox may not know a task for a moment after creating it.
            if (str_contains($error->getMessage(), 'no such task')) {
                return null;
            }
            // The task runs on even when one poll gets no answer: poll again, up to a point.
            if ($error->isUnreachable() && $d->attempts < self::UNREACHABLE_POLLS) {
                $this->update($d, ['attempts' => $d->attempts + 1]);
                return null;
            }
            throw $error;
        }
        if ($d->attempts > 0) {
            $this->update($d, ['attempts' => 0]);
        }
        return $status;
    }

    /**
     * Retries $step once the lock may be gone, showing why the deployment waits; fails with the
     * reason once the wait ran out.
     *
     * @param array<string, int|string|null> $fields
     */
    private function waitForLock(DeploymentRecord $d, string $step, string $message, array $fields = []): void
    {
        $lock = (string) ProxmoxMessages::lockName($message);
        $template = $step === Steps::CLONE;
        $policy = $this->settings->lockWait();
        $now = $this->clock->now();
        $since = Time::fromDb($d->waitingSince) ?? $now;
        if ($policy->isOver($since, $now)) {
            $reason = LockWait::gaveUp($lock, $template, $policy->minutes());
            match ($d->status) {
                Status::PROVISIONING => $this->failProvisioning($d, $reason, !$template),
                Status::DELETING => $this->failDeletion($d, $reason),
                Status::STOPPED, Status::RUNNING => $this->snapshotFailed($d, $reason),
                default => $this->retryLater($d, $step, $reason),
            };
            return;
        }
        $wait = [
            'step' => $step,
            'task_upid' => '',
            'waiting_since' => Time::toDb($since),
            'retry_at' => Time::toDb($policy->retryAt($since, $now)),
        ];
        // A failed deployment's lastError keeps saying why it failed.
        if ($d->status !== Status::FAILED) {
            $wait['last_error'] = LockWait::reason($lock, $template);
        }
        $this->waiting = $this->update($d, $fields + $wait);
    }

    /** @param array<string, int|string|null> $fields */
    private function next(DeploymentRecord $d, string $step, array $fields = []): bool
    {
        return $this->update($d, ['step' => $step] + $fields + $this->waitOver($d)) && $step !== Steps::DONE;
    }

    /**
     * The fields that end a lock wait once a step made progress.
     *
     * @return array<string, string|null>
     */
    private function waitOver(DeploymentRecord $d): array
    {
        if ($d->waitingSince === null) {
            return [];
        }
        $fields = ['waiting_since' => null, 'retry_at' => null];
        if ($d->status !== Status::FAILED && str_starts_with($d->lastError, 'waiting: ')) {
            $fields['last_error'] = '';
        }
        return $fields;
    }

    /** @param array<string, int|string|null> $fields */
    private function update(DeploymentRecord $d, array $fields): bool
    {
        return $this->store->updateClaimed($this->claim, $d->status, $d->step, $fields, $this->clock->now());
    }

    /** @param array<string, int|string|null> $fields */
    private function finish(DeploymentRecord $d, Status $status, string $auditAction, array $fields = []): bool
    {
        $fields += ['status' => $status->value, 'step' => Steps::DONE, 'task_upid' => '', 'last_error' => '', 'waiting_since' => null, 'retry_at' => null];
        if ($status === Status::DELETED) {
            $fields['deleted_at'] = Time::toDb($this->clock->now());
        }
        if ($this->update($d, $fields)) {
            $details = ['vmid' => $d->vmid, 'status' => $status->value];
            if ($status === Status::DELETED && (string) ($fields['last_error'] ?? '') !== '') {
                $details['vmUntouched'] = $fields['last_error'];
            }
            if ($auditAction === 'deployment.provisioned' && $d->templateBaselineSnapshot) {
                // A problem left at this point can only be the baseline's (every other one fails the provisioning).
                $details += (string) $fields['last_error'] === '' ? ['baseline' => SnapshotJob::BASELINE] : ['baseline' => null, 'baselineProblem' => $fields['last_error']];
            }
            $this->audit->recordSystem($auditAction, $d->id, AuditTrail::SUCCESS, $details);
        }
        return false;
    }

    private function onError(DeploymentRecord $d, string $message): void
    {
        if (ProxmoxMessages::lockName($message) !== null) {
            $this->waitForLock($d, $d->step, $message);
            return;
        }
        match ($d->status) {
            Status::PROVISIONING => $this->failProvisioning($d, $message),
            Status::DELETING => $this->failDeletion($d, $message),
            // Only snapshot work runs on a STOPPED or RUNNING deployment.
            Status::STOPPED, Status::RUNNING => $this->snapshotFailed($d, $message),
            default => $this->retryLater($d, $d->step, $message),
        };
    }

    /**
     * Provisioning failed: mark FAILED with the reason and remove whatever was cloned, unless the
     * recorded VMID is known not to be this deployment's ($cleanUp false: it is then forgotten).
     */
    private function failProvisioning(DeploymentRecord $d, string $reason, bool $cleanUp = true): void
    {
        $fields = ['status' => Status::FAILED->value, 'last_error' => $reason, 'task_upid' => '', 'waiting_since' => null, 'retry_at' => null];
        $fields['step'] = $cleanUp && $d->vmid !== null ? Steps::CLEANUP : Steps::DONE;
        if (!$cleanUp) {
            $fields['vmid'] = null;
        }
        if ($this->update($d, $fields)) {
            $this->audit->recordSystem('deployment.provision_failed', $d->id, AuditTrail::ERROR, ['reason' => $reason, 'vmid' => $cleanUp ? $d->vmid : null]);
        }
    }

    private function failDeletion(DeploymentRecord $d, string $reason): void
    {
        $fields = ['status' => Status::FAILED->value, 'step' => Steps::DONE, 'last_error' => $reason, 'task_upid' => '', 'waiting_since' => null, 'retry_at' => null];
        if ($this->update($d, $fields)) {
            $this->audit->recordSystem('deployment.delete_failed', $d->id, AuditTrail::ERROR, ['reason' => $reason, 'vmid' => $d->vmid]);
        }
    }

    /**
     * Clean-up and expiry problems are retried on the next tick. Expiry problems are recorded; a
     * FAILED deployment's lastError keeps saying why it failed (its pending step shows the clean-up).
     */
    private function retryLater(DeploymentRecord $d, string $step, string $reason): void
    {
        $fields = $d->status === Status::FAILED ? ['step' => $step] : ['step' => $step, 'last_error' => $reason];
        $this->update($d, $fields);
    }

    /** The locator for the current connection, asked of Proxmox on first use (may throw ProxmoxError). */
    private function locator(): VmLocator
    {
        return $this->locator ??= new VmLocator($this->proxmox, $this->clients->connection($this->proxmox));
    }
}
