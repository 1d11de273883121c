<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Proxmox\VmRef;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Wiring;

/**
 * Finds a deployment's VM and proves it is the deployment's own before anything is sent to it:
 * on the connection it was made on, on the node it was last seen on or, when it moved, on the
 * node the cluster lists it on; and carrying the deployment's marker (VmMarker).
 */
final class VmLocator
{
    public function __construct(private readonly ProxmoxClient $proxmox, private readonly string $connection)
    {
    }

    public static function current(): self
    {
        return self::of(Wiring::clients());
    }

    /** The locator on the resolver's client and connection (may throw ProxmoxError learning its identity). */
    public static function of(ClientResolver $clients): self
    {
        $proxmox = $clients->client();
        return new self($proxmox, $clients->connection($proxmox));
    }

    public function connection(): string
    {
        return $this->connection;
    }

    public function locate(DeploymentRecord $d): VmLookup
    {
        if ($d->vmid === null) {
            return VmLookup::none();
        }
        $vm = new VmRef($d->connection === '' ? $this->connection : $d->connection, $d->node ?: $this->proxmox->node(), $d->vmid);
        if ($vm->connection !== $this->connection) {
            return VmLookup::otherConnection($vm);
        }
        $facts = $this->proxmox->vmFacts($vm);
        if ($facts === null) {
            $node = $this->proxmox->findVmNode($vm->vmid);
            if ($node === null || $node === '' || $node === $vm->node) {
                return VmLookup::gone($vm);
            }
            $vm = $vm->onNode($node);
            $facts = $this->proxmox->vmFacts($vm);
            if ($facts === null) {
                return VmLookup::gone($vm);
            }
        }
        return VmNaming::marker($d)->isCarriedBy($facts) ? VmLookup::owned($vm, $facts) : VmLookup::notOwned($vm, $facts);
    }

    /**
     * The fields that record where an owned VM was found, when that differs from the row: the node
     * it moved to, and the connection of a deployment made before connections were recorded.
     *
     * @return array<string, string>
     */
    public static function whereabouts(DeploymentRecord $d, VmLookup $lookup): array
    {
        if (!$lookup->isOwned() || $lookup->vm === null) {
            return [];
        }
        $fields = [];
        if ($lookup->vm->node !== $d->node) {
            $fields['node'] = $lookup->vm->node;
        }
        if ($lookup->vm->connection !== $d->connection) {
            $fields['vm_connection'] = $lookup->vm->connection;
        }
        return $fields;
    }
}
