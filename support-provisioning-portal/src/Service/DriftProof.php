<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ClusterVm;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\VmFacts;
use SupportProvisioningPortal\Proxmox\VmRef;
use SupportProvisioningPortal\Store\DriftStore;

/**
 * An orphan proven again at the moment of an action: the VM with that VMID is on the cluster now,
 * its config carries the marker named in the request, the marker is one this site issued, and its
 * record has no live deployment with that VM (docs/decisions/drift.md).
 */
final class DriftProof
{
    /** @param array{status: \SupportProvisioningPortal\Domain\Status, step: string, nonce: string, vmid: ?int, connection: string} $record */
    private function __construct(
        public readonly ProxmoxClient $proxmox,
        public readonly VmRef $vm,
        public readonly ClusterVm $listed,
        public readonly VmFacts $facts,
        public readonly VmMarker $marker,
        public readonly array $record,
        public readonly string $reason,
    ) {
    }

    /**
     * @throws ServiceError 409 spp_no_drift when any part of the proof fails
     * @throws ProxmoxError when Proxmox cannot be asked
     */
    public static function orphan(int $vmid, string $markerValue): self
    {
        $marker = VmMarker::parse($markerValue);
        if ($marker === null || $marker->value() !== $markerValue) {
            throw self::noDrift(__('That is not a marker the portal writes.', 'support-provisioning-portal'));
        }
        $proxmox = ClientFactory::client();
        $connection = Connections::current($proxmox);
        $listed = current(array_filter($proxmox->listVms(), static fn (ClusterVm $vm): bool => $vm->vmid === $vmid));
        $vm = $listed === false ? null : new VmRef($connection, $listed->node, $vmid);
        $facts = $vm === null ? null : $proxmox->vmFacts($vm);
        if ($listed === false || $vm === null || $facts === null || !$marker->isCarriedBy($facts)) {
            /* translators: 1: VMID, 2: the portal's marker */
            throw self::noDrift(sprintf(__('No VM %1$d carrying %2$s is on the cluster (any more).', 'support-provisioning-portal'), $vmid, $markerValue));
        }
        $record = DriftStore::markedRecords([$marker->deploymentId()])[$marker->deploymentId()] ?? null;
        if ($record === null || $record['nonce'] !== $marker->nonce()) {
            throw self::noDrift(__('This site never issued that marker: the VM belongs to another portal site or to someone else.', 'support-provisioning-portal'));
        }
        $reason = DriftScan::orphanReason($record, $vmid, $connection);
        if ($reason === null) {
            throw self::noDrift(__('The VM is the live deployment\'s own, or that deployment is busy.', 'support-provisioning-portal'));
        }
        return new self($proxmox, $vm, $listed, $facts, $marker, $record, $reason);
    }

    public static function noDrift(string $message): ServiceError
    {
        return new ServiceError(ErrorCode::NO_DRIFT, $message);
    }

    public static function proxmoxError(ProxmoxError $error): ServiceError
    {
        return new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage());
    }

    /** @return array{vmid: int, node: string, marker: string, reason: string} */
    public function details(): array
    {
        return ['vmid' => $this->vm->vmid, 'node' => $this->vm->node, 'marker' => $this->marker->value(), 'reason' => $this->reason];
    }
}
