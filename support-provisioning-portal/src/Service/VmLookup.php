<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\VmFacts;
use SupportProvisioningPortal\Proxmox\VmRef;

/**
 * Where a deployment's VM is and whether it is provably the deployment's own (VmLocator). Only an
 * OWNED VM may receive a call that changes anything.
 */
final class VmLookup
{
    /** The VM is where the deployment says (or was followed to its new node) and carries its marker. */
    public const OWNED = 'owned';
    /** No VM with that VMID exists on the cluster any more. */
    public const GONE = 'gone';
    /** A VM with that VMID exists but lacks the marker: someone else's (a reused VMID, a lost race). */
    public const NOT_OWNED = 'not_owned';
    /** The VM was made on another connection (e.g. the mock, before a switch to HTTP mode). */
    public const OTHER_CONNECTION = 'other_connection';
    /** The deployment never got a VMID. */
    public const NONE = 'none';

    private function __construct(
        public readonly string $kind,
        public readonly ?VmRef $vm = null,
        public readonly ?VmFacts $facts = null,
    ) {
    }

    public static function owned(VmRef $vm, VmFacts $facts): self
    {
        return new self(self::OWNED, $vm, $facts);
    }

    public static function notOwned(VmRef $vm, VmFacts $facts): self
    {
        return new self(self::NOT_OWNED, $vm, $facts);
    }

    public static function gone(VmRef $vm): self
    {
        return new self(self::GONE, $vm);
    }

    public static function otherConnection(VmRef $vm): self
    {
        return new self(self::OTHER_CONNECTION, $vm);
    }

    public static function none(): self
    {
        return new self(self::NONE);
    }

    public function isOwned(): bool
    {
        return $this->kind === self::OWNED;
    }

    /** Why nothing is sent to the VM, for lastError; '' for an owned VM or none at all. */
    public function reason(): string
    {
        $vm = $this->vm;
        return match ($this->kind) {
            self::GONE => sprintf(
                /* translators: %d: VMID */
                __('The VM no longer exists on the cluster (VMID %d).', 'support-provisioning-portal'),
                $vm?->vmid
            ),
            self::NOT_OWNED => sprintf(
                /* translators: 1: VMID, 2: node */
                __("VM %1\$d on node %2\$s does not carry this deployment's marker: it is not this deployment's VM, so the portal leaves it untouched.", 'support-provisioning-portal'),
                $vm?->vmid,
                $vm?->node
            ),
            self::OTHER_CONNECTION => sprintf(
                /* translators: %s: the connection the VM was made on */
                __('This deployment was made on another connection (%s); the portal does not reach its VM from the current one. Its record can be deleted.', 'support-provisioning-portal'),
                Connections::describe((string) $vm?->connection)
            ),
            default => '',
        };
    }
}
