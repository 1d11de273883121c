<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\VmRef;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;

/**
 * Makes a deployment at rest (RUNNING or STOPPED, nothing in flight) say what its VM really is:
 * running or stopped as Proxmox says, on the node it moved to, or gone / no longer the
 * deployment's, with the reason and without stale IP addresses.
 */
final class VmReconciler
{
    public function __construct(private readonly DeploymentTable $rows, private readonly ClientResolver $clients)
    {
    }

    /** On a detail read: returns the deployment as stored afterwards. Proxmox problems change nothing. */
    public function onRead(DeploymentRecord $d, int $viewerId): DeploymentRecord
    {
        try {
            // Learns the current connection's identity, so the resource can tell other connections' deployments.
            $proxmox = $this->clients->client();
            $connection = $this->clients->connection($proxmox);
        } catch (ProxmoxError) {
            return $d;
        }
        $atRest = in_array($d->status, [Status::RUNNING, Status::STOPPED], true) && !$d->hasPendingStep() && $d->vmid !== null;
        if (!$atRest || Connections::differs($d->connection, $connection)) {
            return $d;
        }
        try {
            $lookup = (new VmLocator($proxmox, $connection))->locate($d);
            $changed = $lookup->isOwned()
                ? $this->storeTruth($d, $lookup->vm, $proxmox->vmStatus($lookup->vm), VmLocator::whereabouts($d, $lookup))
                : $this->recordLoss($d, $lookup);
        } catch (ProxmoxError) {
            return $d;
        }
        return $changed ? ($this->rows->find($d->id, $viewerId) ?? $d) : $d;
    }

    /**
     * Stores the VM's real power state (after a power task that did not plainly succeed, or on a read).
     *
     * @param array<string, string> $fields more fields to store with it
     */
    public function storeTruth(DeploymentRecord $d, VmRef $vm, ?string $state, array $fields = []): bool
    {
        if ($state === null) {
            return $this->recordLoss($d, VmLookup::gone($vm));
        }
        if ($state === 'running' && $d->status !== Status::RUNNING) {
            $fields['status'] = Status::RUNNING->value;
        }
        if ($state === 'stopped' && $d->status !== Status::STOPPED) {
            $fields += ['status' => Status::STOPPED->value, 'ip_addresses' => '[]'];
        }
        return $fields !== [] && $this->rows->updateWhere($d->id, [$d->status], $fields);
    }

    /** The VM is gone or not the deployment's: say so, and show it neither running nor with addresses. */
    public function recordLoss(DeploymentRecord $d, VmLookup $lookup): bool
    {
        $reason = $lookup->reason();
        if ($reason === '' || $d->lastError === $reason && $d->status === Status::STOPPED && $d->ipAddresses === []) {
            return false;
        }
        return $this->rows->updateWhere($d->id, [Status::RUNNING, Status::STOPPED], [
            'status' => Status::STOPPED->value,
            'ip_addresses' => '[]',
            'last_error' => $reason,
        ]);
    }
}
