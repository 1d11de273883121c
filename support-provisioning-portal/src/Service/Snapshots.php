<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\SnapshotInfo;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Wiring;

/**
 * A deployment's snapshots (docs/decisions/snapshots.md): listed from Proxmox; taken, rolled back
 * to and deleted as a background step (Steps::SNAPSHOT), one at a time per deployment, after the
 * VM was proven the deployment's.
 */
final class Snapshots
{
    public function __construct(
        private readonly DeploymentAccess $access,
        private readonly OwnedVm $owned,
        private readonly ClientResolver $clients,
        private readonly DeploymentTable $rows,
        private readonly RightsLookup $rights,
        private readonly WorkerSettings $settings,
        private readonly Worker $worker,
        private readonly AuditContexts $audit,
    ) {
    }

    /** @return array{0: DeploymentRecord, 1: list<SnapshotInfo>} */
    public static function list(int $userId, int $id): array
    {
        return Wiring::snapshots()->listFor($userId, $id);
    }

    public static function take(int $userId, int $id, string $name, string $description, bool $vmstate): DeploymentRecord
    {
        return Wiring::snapshots()->takeFor($userId, $id, $name, $description, $vmstate);
    }

    public static function rollback(int $userId, int $id, string $name): DeploymentRecord
    {
        return Wiring::snapshots()->rollbackFor($userId, $id, $name);
    }

    public static function delete(int $userId, int $id, string $name): DeploymentRecord
    {
        return Wiring::snapshots()->deleteFor($userId, $id, $name);
    }

    /** @return array{0: DeploymentRecord, 1: list<SnapshotInfo>} */
    public function listFor(int $userId, int $id): array
    {
        $d = $this->access->check($userId, $id, Action::VIEW);
        $other = Connections::differs($d->connection, $this->clients->known());
        if (!in_array($d->status, [Status::STOPPED, Status::RUNNING, Status::EXPIRED], true) || $d->vmid === null || $other) {
            return [$d, []];
        }
        return [$d, $this->onVm($d, $userId, static fn (array $snapshots): array => $snapshots)];
    }

    public function takeFor(int $userId, int $id, string $name, string $description, bool $vmstate): DeploymentRecord
    {
        if (SnapshotJob::isReserved($name)) {
            throw new InvalidInput('name', __('Snapshot names starting with spp_ belong to the portal, and current and pending to Proxmox; choose another name.', 'support-provisioning-portal'));
        }
        $d = $this->access->check($userId, $id, Action::SNAPSHOT);
        $limit = $this->settings->snapshotLimit();
        $this->onVm($d, $userId, static function (array $snapshots) use ($name, $limit): void {
            $refusal = self::takeRefusal($snapshots, $name, $limit);
            if ($refusal !== null) {
                throw ServiceError::fromCode($refusal);
            }
        });
        return $this->begin($d, $userId, new SnapshotJob(SnapshotJob::TAKE, $name, $description, $vmstate));
    }

    /** Reset to clean is the rollback to SnapshotJob::BASELINE. A running VM runs again afterwards. */
    public function rollbackFor(int $userId, int $id, string $name): DeploymentRecord
    {
        $d = $this->access->check($userId, $id, Action::SNAPSHOT);
        $this->requireExisting($d, $userId, $name);
        return $this->begin($d, $userId, new SnapshotJob(SnapshotJob::ROLLBACK, $name, start: $d->status === Status::RUNNING));
    }

    /** The baseline is the portal's: only managers (manage_all) delete it. */
    public function deleteFor(int $userId, int $id, string $name): DeploymentRecord
    {
        $d = $this->access->check($userId, $id, Action::SNAPSHOT);
        if ($name === SnapshotJob::BASELINE && !in_array(Right::MANAGE_ALL, $this->rights->effective($userId), true)) {
            throw new ServiceError(ErrorCode::FORBIDDEN, __('Only portal managers may delete the baseline snapshot.', 'support-provisioning-portal'));
        }
        $this->requireExisting($d, $userId, $name);
        return $this->begin($d, $userId, new SnapshotJob(SnapshotJob::DELETE, $name));
    }

    /**
     * Why a user's snapshot may not be taken now: the name is used, or the deployment holds as
     * many user snapshots (all but the portal's spp_…) as $limit (the snapshotLimit setting) allows.
     *
     * @param list<SnapshotInfo> $snapshots
     */
    public static function takeRefusal(array $snapshots, string $name, int $limit): ?ErrorCode
    {
        if (SnapshotInfo::named($snapshots, $name) !== null) {
            return ErrorCode::SNAPSHOT_EXISTS;
        }
        $own = array_filter($snapshots, static fn (SnapshotInfo $s): bool => !SnapshotJob::isReserved($s->name));
        return count($own) >= $limit ? ErrorCode::SNAPSHOT_LIMIT : null;
    }

    private function requireExisting(DeploymentRecord $d, int $userId, string $name): void
    {
        $this->onVm($d, $userId, static function (array $snapshots) use ($name): void {
            if (SnapshotInfo::named($snapshots, $name) === null) {
                throw ServiceError::fromCode(ErrorCode::SNAPSHOT_NOT_FOUND);
            }
        });
    }

    /**
     * Runs $use on the VM's snapshots once the VM is proven the deployment's.
     *
     * @template T
     * @param callable(list<SnapshotInfo>): T $use
     * @return T
     */
    private function onVm(DeploymentRecord $d, int $userId, callable $use): mixed
    {
        try {
            $vm = $this->owned->prove($d)->vm;
            $snapshots = $this->clients->client()->snapshots($vm);
        } catch (ProxmoxError $error) {
            throw $this->forViewer(new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage()), $d, $userId);
        } catch (ServiceError $error) {
            throw $this->forViewer($error, $d, $userId);
        }
        return $use($snapshots);
    }

    private function forViewer(ServiceError $error, DeploymentRecord $d, int $userId): ServiceError
    {
        return ProxmoxDetails::forViewer($error, $d, $userId, $this->rights->effective($userId));
    }

    /** Records the job and starts it at once; the worker finishes it (cron, or the next read). */
    private function begin(DeploymentRecord $d, int $userId, SnapshotJob $job): DeploymentRecord
    {
        $started = $this->rows->beginStep($d->id, [Status::STOPPED, Status::RUNNING], Steps::SNAPSHOT, [
            'snapshot_job' => $job->toJson(),
            'task_upid' => '',
            'last_error' => '',
            'attempts' => 0,
            'waiting_since' => null,
            'retry_at' => null,
        ]);
        if (!$started) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
        $this->audit->current()->addDetails(['kind' => $job->kind, 'name' => $job->name, 'vmid' => $d->vmid, 'statusBefore' => $d->status->value]);
        $this->worker->advanceDeployment($d->id);
        return $this->rows->find($d->id, $userId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }
}
