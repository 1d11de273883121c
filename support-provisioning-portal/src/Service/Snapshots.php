<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\SnapshotInfo;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * A deployment's snapshots (docs/decisions/snapshots.md): listed from Proxmox; taken, rolled back
 * to and deleted as a background step (Steps::SNAPSHOT), one at a time per deployment, after the
 * VM was proven the deployment's.
 */
final class Snapshots
{
    /** @return array{0: DeploymentRecord, 1: list<SnapshotInfo>} */
    public static function list(int $userId, int $id): array
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::VIEW);
        if (!in_array($d->status, [Status::STOPPED, Status::RUNNING, Status::EXPIRED], true) || $d->vmid === null || Connections::isOther($d->connection)) {
            return [$d, []];
        }
        return [$d, self::onVm($d, $userId, static fn (array $snapshots): array => $snapshots)];
    }

    public static function take(int $userId, int $id, string $name, string $description, bool $vmstate): DeploymentRecord
    {
        if (SnapshotJob::isReserved($name)) {
            throw new InvalidInput('name', __('Snapshot names starting with spp_ belong to the portal, and current and pending to Proxmox; choose another name.', 'support-provisioning-portal'));
        }
        $d = DeploymentAccess::authorize($userId, $id, Action::SNAPSHOT);
        self::onVm($d, $userId, static function (array $snapshots) use ($name): void {
            $refusal = self::takeRefusal($snapshots, $name, (int) SettingsStore::all()['snapshotLimit']);
            if ($refusal !== null) {
                throw ServiceError::fromCode($refusal);
            }
        });
        return self::begin($d, $userId, new SnapshotJob(SnapshotJob::TAKE, $name, $description, $vmstate));
    }

    /** Reset to clean is the rollback to SnapshotJob::BASELINE. A running VM runs again afterwards. */
    public static function rollback(int $userId, int $id, string $name): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::SNAPSHOT);
        self::requireExisting($d, $userId, $name);
        return self::begin($d, $userId, new SnapshotJob(SnapshotJob::ROLLBACK, $name, start: $d->status === Status::RUNNING));
    }

    /** The baseline is the portal's: only managers (manage_all) delete it. */
    public static function delete(int $userId, int $id, string $name): DeploymentRecord
    {
        $d = DeploymentAccess::authorize($userId, $id, Action::SNAPSHOT);
        if ($name === SnapshotJob::BASELINE && !UserRights::has($userId, Right::MANAGE_ALL)) {
            throw new ServiceError(ErrorCode::FORBIDDEN, __('Only portal managers may delete the baseline snapshot.', 'support-provisioning-portal'));
        }
        self::requireExisting($d, $userId, $name);
        return self::begin($d, $userId, new SnapshotJob(SnapshotJob::DELETE, $name));
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

    private static function requireExisting(DeploymentRecord $d, int $userId, string $name): void
    {
        self::onVm($d, $userId, static function (array $snapshots) use ($name): void {
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
    private static function onVm(DeploymentRecord $d, int $userId, callable $use): mixed
    {
        try {
            $vm = OwnedVm::require($d)->vm;
            $snapshots = ClientFactory::client()->snapshots($vm);
        } catch (ProxmoxError $error) {
            throw ProxmoxDetails::forViewer(new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage()), $d, $userId);
        } catch (ServiceError $error) {
            throw ProxmoxDetails::forViewer($error, $d, $userId);
        }
        return $use($snapshots);
    }

    /** Records the job and starts it at once; the worker finishes it (cron, or the next read). */
    private static function begin(DeploymentRecord $d, int $userId, SnapshotJob $job): DeploymentRecord
    {
        $started = DeploymentStore::beginStep($d->id, [Status::STOPPED, Status::RUNNING], Steps::SNAPSHOT, [
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
        AuditTrail::addDetails(['kind' => $job->kind, 'name' => $job->name, 'vmid' => $d->vmid, 'statusBefore' => $d->status->value]);
        Worker::advance($d->id);
        return DeploymentStore::find($d->id, $userId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }
}
